# Markdown (the subset docs/cli.md uses) to a man page, so dopool-cli(1) is generated from the
# same reference the test suite checks against the CLI (tests/docs/tst_docexamples.cpp):
#   awk -v name=dopool-cli -v version=0.1.0 -v date=2026-12-07 \
#       -v summary="..." -f md2man.awk docs/cli.md
# "# title" is dropped (NAME comes from name/summary); the first paragraph is the
# start of the DESCRIPTION and the first indented block the SYNOPSIS; "## Heading" with a capital is a
# section, "## command words" a subsection of COMMANDS; "## About the examples" (about the
# test harness) is left out. Tables become tagged paragraphs, lists bullets, code blocks
# no-fill blocks; inline code and **strong** are bold, links keep their text.
function esc(s) {
    gsub(/\\/, "\\e", s)
    gsub(/-/, "\\-", s)
    gsub(/…/, "...", s)
    gsub(/—/, "\\(em", s)
    gsub(/–/, "\\(en", s)
    gsub(/→/, "\\(->", s)
    gsub(/≤/, "\\(<=", s)
    gsub(/≥/, "\\(>=", s)
    return s
}
function line(s) { # a text line that must not start a request
    if (s ~ /^[.']/) s = "\\&" s
    print s
}
function inline(s,    out, i, n, parts) {
    s = esc(s)
    gsub(/\[[^]]*\]\([^)]*\)/, "&", s)
    while (match(s, /\[[^]]*\]\([^)]*\)/)) { # [text](target) -> text
        t = substr(s, RSTART + 1); t = substr(t, 1, index(t, "]") - 1)
        s = substr(s, 1, RSTART - 1) t substr(s, RSTART + RLENGTH)
    }
    n = split(s, parts, "`")
    out = ""
    for (i = 1; i <= n; i++) {
        if (i % 2 == 0) { out = out "\\fB" parts[i] "\\fR"; continue }
        t = parts[i]
        while (match(t, /\*\*[^*]+\*\*/)) t = substr(t, 1, RSTART - 1) "\\fB" substr(t, RSTART + 2, RLENGTH - 4) "\\fR" substr(t, RSTART + RLENGTH)
        out = out t
    }
    return out
}
function flush_table() { ntable = 0 }
BEGIN {
    print ".\\\" Generated from docs/cli.md by packaging/man/md2man.awk; edit those, not this."
    printf ".TH %s 1 \"%s\" \"%s %s\" \"User Commands\"\n", toupper(name), date, name, version
    print ".SH NAME"
    print esc(name) " \\- " esc(summary)
    state = "start"
}
/^<!--.*-->$/ { next }
fence {
    if ($0 ~ /^```/) { print ".fi"; print ".RE"; fence = 0; next }
    line(esc($0)); next
}
/^```/ { print ".RS 4"; print ".nf"; fence = 1; next }
skip && !/^## / { next }
/^# / { next }
/^## / {
    heading = substr($0, 4); skip = 0; ntable = 0; pending_par = 0
    if (heading == "About the examples") { skip = 1; next }
    if (heading ~ /^[a-z]/) {
        if (!commands) { print ".SH COMMANDS"; commands = 1 }
        print ".SS " esc(heading)
    } else {
        commands = 0
        print ".SH " toupper(esc(heading))
    }
    state = "body"; next
}
/^    / && !inlist {
    code = substr($0, 5)
    if (state == "start" || state == "synopsis") {
        if (state == "start") { print ".SH SYNOPSIS"; print ".nf" }
        line(esc(code)); state = "synopsis"; next
    }
    if (!incode) { print ".RS 4"; print ".nf"; incode = 1 }
    line(esc(code)); next
}
incode && !/^    / { print ".fi"; print ".RE"; incode = 0 }
/^\|/ {
    n = split($0, cells, "|")
    if ($0 ~ /^\|[-| :]+\|$/) next
    if (ntable == 0) { for (i = 2; i < n; i++) { h = cells[i]; gsub(/^ +| +$/, "", h); head[i] = h } ntable = 1; next }
    tag = cells[2]; gsub(/^ +| +$/, "", tag)
    print ".TP"; line(inline(tag == "" ? "\\(em" : tag))
    rest = ""
    for (i = 3; i < n; i++) {
        c = cells[i]; gsub(/^ +| +$/, "", c)
        if (c == "") continue
        rest = rest (rest == "" ? "" : "; ") (head[i] == "" ? "" : head[i] ": ") c
    }
    if (rest != "") line(inline(rest))
    next
}
/^$/ { ntable = 0; inlist = 0; if (state == "start" || state == "synopsis") next; pending_par = 1; next }
/^- / {
    print ".IP \\(bu 2"; line(inline(substr($0, 3))); inlist = 1; pending_par = 0; next
}
{
    if (state == "start") { description = description inline($0) "\n"; next }
    if (state == "synopsis") {
        print ".fi"; print ".SH DESCRIPTION"; printf "%s", description; print ".PP"
        state = "body"; pending_par = 0
    }
    if (pending_par) { print (inlist ? ".IP" : ".PP"); pending_par = 0 }
    t = $0; if (inlist) sub(/^  /, "", t)
    line(inline(t))
}
END { if (incode) { print ".fi"; print ".RE" } }

# Linux install extras and the Debian package's own parts, included by packaging/CMakeLists.txt:
# - man pages: dopool-cli(1) from docs/cli.md (man/md2man.awk), dopool(1) and dopool-fake-do(1)
#   from the programs' own --help (help2man); all generated at build time, so they follow
#   what the programs and the reference say;
# - shell completion from `dopool-cli completion bash|zsh|fish`, where each shell looks;
# - the systemd unit for `dopool-cli serve`, its environment file template, and the package's
#   maintainer scripts (the system user dopool, /etc/dopool/serve.env);
# - /usr/share/doc/dopool/copyright (DEP-5) and changelog.gz.
set(_gen ${CMAKE_CURRENT_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${_gen})
# A clean environment for running the freshly built programs: English help, no display, no
# user state read or written.
set(_run_env ${CMAKE_COMMAND} -E env --unset=LANGUAGE LC_ALL=C.UTF-8 LANG=C.UTF-8
    QT_QPA_PLATFORM=offscreen HOME=${_gen} XDG_CONFIG_HOME=${_gen} XDG_DATA_HOME=${_gen})
string(TIMESTAMP _man_date "%Y-%m-%d" UTC)
set(_outputs)

add_custom_command(OUTPUT ${_gen}/dopool-cli.1.gz
    COMMAND sh -c "awk -v name=dopool-cli -v version=${PROJECT_VERSION} -v date=${_man_date} \
-v 'summary=manage a pool of DigitalOcean accounts from the command line' \
-f '${CMAKE_CURRENT_SOURCE_DIR}/man/md2man.awk' '${PROJECT_SOURCE_DIR}/docs/cli.md' \
| gzip -9n >'${_gen}/dopool-cli.1.gz'"
    DEPENDS man/md2man.awk ${PROJECT_SOURCE_DIR}/docs/cli.md
    COMMENT "dopool-cli(1) from docs/cli.md" VERBATIM)
list(APPEND _outputs ${_gen}/dopool-cli.1.gz)

find_program(DOPOOL_HELP2MAN help2man)
set(_help_pages dopool-fake-do "a fake DigitalOcean API for the tests and the demo of DO Account Pool")
if(TARGET dopool)
    list(APPEND _help_pages dopool "desktop app for a pool of DigitalOcean accounts")
endif()
if(DOPOOL_HELP2MAN)
    while(_help_pages)
        list(POP_FRONT _help_pages program summary)
        # Run through PATH, so the usage line says the program's name and not the build path.
        add_custom_command(OUTPUT ${_gen}/${program}.1.gz
            COMMAND sh -c "PATH='$<TARGET_FILE_DIR:${program}>':\"$PATH\" ${DOPOOL_HELP2MAN} \
--no-info --no-discard-stderr --section=1 --name='${summary}' \
--source='DO Account Pool ${PROJECT_VERSION}' ${program} | gzip -9n >'${_gen}/${program}.1.gz'"
            DEPENDS ${program}
            COMMENT "${program}(1) from ${program} --help" VERBATIM)
        list(APPEND _outputs ${_gen}/${program}.1.gz)
    endwhile()
else()
    message(STATUS "help2man not found: no dopool(1)/dopool-fake-do(1) (scripts/install-deps.sh)")
endif()

set(_completion_files bash dopool-cli zsh _dopool-cli fish dopool-cli.fish)
while(_completion_files)
    list(POP_FRONT _completion_files shell file)
    file(MAKE_DIRECTORY ${_gen}/${shell})
    add_custom_command(OUTPUT ${_gen}/${shell}/${file}
        COMMAND ${_run_env} $<TARGET_FILE:dopool-cli> completion ${shell} > ${_gen}/${shell}/${file}
        DEPENDS dopool-cli
        COMMENT "${shell} completion from dopool-cli completion ${shell}")
    list(APPEND _outputs ${_gen}/${shell}/${file})
endwhile()

add_custom_command(OUTPUT ${_gen}/changelog.gz
    COMMAND sh -c "gzip -9n <'${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog' >'${_gen}/changelog.gz'"
    DEPENDS debian/changelog VERBATIM)
list(APPEND _outputs ${_gen}/changelog.gz)
add_custom_target(dopool_linux_extras ALL DEPENDS ${_outputs})

install(FILES ${_gen}/dopool-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
foreach(program dopool dopool-fake-do)
    if(DOPOOL_HELP2MAN AND TARGET ${program})
        install(FILES ${_gen}/${program}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endif()
endforeach()
install(FILES ${_gen}/bash/dopool-cli DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${_gen}/zsh/_dopool-cli DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${_gen}/fish/dopool-cli.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES debian/copyright ${_gen}/changelog.gz DESTINATION ${DOPOOL_DOCDIR})
# systemd looks in /usr/lib/systemd/system (prefix /usr); the unit is not enabled by the package.
install(FILES systemd/dopool-serve.service DESTINATION lib/systemd/system)
install(FILES debian/serve.env DESTINATION ${CMAKE_INSTALL_DATADIR}/dopool)

# The .deb: maintainer scripts (user, environment file) and a description in 80 columns.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/postinst ${CMAKE_CURRENT_SOURCE_DIR}/debian/postrm)

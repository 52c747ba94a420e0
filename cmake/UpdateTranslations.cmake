# Runs lupdate over every source folder (core/, ui/, app/) into TS_DIR/dopool_<lang>.ts:
#     cmake -DLUPDATE=/path/to/lupdate -DSOURCE_DIR=<repo> -DTS_DIR=<folder> -P UpdateTranslations.cmake
# The `update-translations` target runs it on translations/; tst_translations runs it on a
# temporary folder and compares. lupdate scans folders, not targets: ui/ and core/ are static
# libraries, whose strings a target-based lupdate (qt_add_lupdate) would miss.
#   -locations none   no file names or line numbers in the .ts: moving code changes nothing
#   -no-obsolete      strings gone from the sources leave the .ts (no obsolete/vanished entries)
#   -I core -I ui     so lupdate reads common/Translate.h (the CoreTr/CliTr contexts) and the
#                     class declarations it needs for tr() contexts
# dopool_en.ts holds only the English plural forms (-pluralonly): "%n account(s)" reads
# "1 account" / "2 accounts"; every other English text is the source string itself.
foreach(var LUPDATE SOURCE_DIR TS_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "UpdateTranslations.cmake: ${var} is not set")
    endif()
endforeach()

set(DOPOOL_LUPDATE_ARGS -silent -locations none -no-obsolete -I core -I ui -extensions cpp,h
    core ui app)
foreach(lang id en)
    set(extra)
    if(lang STREQUAL "en")
        set(extra -pluralonly)
    endif()
    execute_process(
        COMMAND "${LUPDATE}" ${DOPOOL_LUPDATE_ARGS} ${extra} -ts "${TS_DIR}/dopool_${lang}.ts"
        WORKING_DIRECTORY "${SOURCE_DIR}"
        RESULT_VARIABLE result
        ERROR_VARIABLE errors)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "lupdate failed (${result}): ${errors}")
    endif()
    # A warning (a tr() without a context, an unknown class) means a string landed in the wrong
    # context, where the translation would never be found at run time.
    if(NOT errors STREQUAL "")
        message(FATAL_ERROR "lupdate warnings for dopool_${lang}.ts:\n${errors}")
    endif()
endforeach()

# Every target of the project links dopool_strict: one place for the Qt defines and
# warnings we hold ourselves to.
add_library(dopool_strict INTERFACE)
target_compile_definitions(dopool_strict INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    DOPOOL_VERSION="${PROJECT_VERSION}")
if(MSVC)
    # MSVC spells the same intent differently (GCC's flags would be unknown options there).
    # /utf-8: the sources are UTF-8 (…, —, →); /Zc:__cplusplus: Qt checks the real value.
    # NOMINMAX/WIN32_LEAN_AND_MEAN keep <windows.h> (the *_win.cpp files) from clashing with
    # std::min/std::max and pulling in winsock 1.
    target_compile_options(dopool_strict INTERFACE
        /W4 /permissive- /utf-8 /Zc:__cplusplus $<$<BOOL:${DOPOOL_WERROR}>:/WX>)
    target_compile_definitions(dopool_strict INTERFACE NOMINMAX WIN32_LEAN_AND_MEAN)
else()
    target_compile_options(dopool_strict INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Woverloaded-virtual
        $<$<BOOL:${DOPOOL_WERROR}>:-Werror>)
endif()

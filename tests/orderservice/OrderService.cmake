# The order-service stand-in (TypeScript on Prisma Client 7) and the end-to-end test that
# drives it. Included from tests/CMakeLists.txt.
#
# The build installs the stand-in's npm packages (exact versions, package-lock.json) into the
# build tree and generates its Prisma client there: `npm ci` needs the npm registry (or npm's
# cache); `prisma generate` runs offline, since the pg driver adapter needs no query engine
# (the two PRISMA_* variables stop it from downloading one). No node_modules in the sources.
#
# The ASan preset turns it off (DOPOOL_ORDERSERVICE_E2E=OFF): it would repeat the npm install
# and the same two-minute flow on sanitizer builds, and CI's time is bounded; the serve code
# paths it drives run under ASan in the CLI and store tests.
option(DOPOOL_ORDERSERVICE_E2E "the order-service stand-in and tst_orderserviceflow" ON)
if(NOT DOPOOL_ORDERSERVICE_E2E)
    return()
endif()
set(DOPOOL_ORDERSERVICE_SRC ${CMAKE_CURRENT_SOURCE_DIR}/orderservice)
set(DOPOOL_ORDERSERVICE_DIR ${CMAKE_CURRENT_BINARY_DIR}/orderservice)
find_program(DOPOOL_NPM npm)
option(DOPOOL_ORDERSERVICE_NPM "npm ci the order-service stand-in while building" ON)
if(DOPOOL_NPM AND DOPOOL_ORDERSERVICE_NPM)
    set(npm_inputs package.json package-lock.json)
    list(TRANSFORM npm_inputs PREPEND ${DOPOOL_ORDERSERVICE_SRC}/ OUTPUT_VARIABLE npm_sources)
    add_custom_command(
        OUTPUT ${DOPOOL_ORDERSERVICE_DIR}/node_modules/.package-lock.json
        COMMAND ${CMAKE_COMMAND} -E make_directory ${DOPOOL_ORDERSERVICE_DIR}
        COMMAND ${CMAKE_COMMAND} -E copy ${npm_sources} ${DOPOOL_ORDERSERVICE_DIR}
        COMMAND ${DOPOOL_NPM} ci --no-audit --no-fund --loglevel=error
        COMMAND ${CMAKE_COMMAND} -E touch ${DOPOOL_ORDERSERVICE_DIR}/node_modules/.package-lock.json
        WORKING_DIRECTORY ${DOPOOL_ORDERSERVICE_DIR}
        DEPENDS ${npm_sources}
        COMMENT "order-service stand-in: npm ci (prisma, @prisma/client, @prisma/adapter-pg, pg, tsx)"
        VERBATIM)
    add_custom_command(
        OUTPUT ${DOPOOL_ORDERSERVICE_DIR}/generated/prisma/client.ts
        COMMAND ${CMAKE_COMMAND} -E copy ${DOPOOL_ORDERSERVICE_SRC}/schema.prisma ${DOPOOL_ORDERSERVICE_DIR}
        COMMAND ${CMAKE_COMMAND} -E env PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
                PRISMA_QUERY_ENGINE_LIBRARY=/bin/false CHECKPOINT_DISABLE=1
                PRISMA_HIDE_UPDATE_MESSAGE=1
                ${DOPOOL_ORDERSERVICE_DIR}/node_modules/.bin/prisma generate --schema schema.prisma
        WORKING_DIRECTORY ${DOPOOL_ORDERSERVICE_DIR}
        DEPENDS ${DOPOOL_ORDERSERVICE_SRC}/schema.prisma
                ${DOPOOL_ORDERSERVICE_DIR}/node_modules/.package-lock.json
        COMMENT "order-service stand-in: prisma generate (offline, pg driver adapter)"
        VERBATIM)
    file(GLOB orderservice_ts CONFIGURE_DEPENDS ${DOPOOL_ORDERSERVICE_SRC}/src/*.ts)
    set(orderservice_ts_copies)
    foreach(ts IN LISTS orderservice_ts)
        get_filename_component(name ${ts} NAME)
        add_custom_command(OUTPUT ${DOPOOL_ORDERSERVICE_DIR}/src/${name}
            COMMAND ${CMAKE_COMMAND} -E copy ${ts} ${DOPOOL_ORDERSERVICE_DIR}/src/${name}
            DEPENDS ${ts} VERBATIM)
        list(APPEND orderservice_ts_copies ${DOPOOL_ORDERSERVICE_DIR}/src/${name})
    endforeach()
    add_custom_target(orderservice_node ALL DEPENDS
        ${DOPOOL_ORDERSERVICE_DIR}/generated/prisma/client.ts ${orderservice_ts_copies})
else()
    message(STATUS "npm not found (or DOPOOL_ORDERSERVICE_NPM=OFF): tst_orderserviceflow will "
                   "fail under DOPOOL_REQUIRE_NODE=1 and skip otherwise")
endif()

add_executable(tst_orderserviceflow ${DOPOOL_ORDERSERVICE_SRC}/tst_orderserviceflow.cpp)
target_link_libraries(tst_orderserviceflow PRIVATE dopool_testsupport Qt6::Test)
dopool_link_included_core_libraries(tst_orderserviceflow
    ${DOPOOL_ORDERSERVICE_SRC}/tst_orderserviceflow.cpp)
target_compile_definitions(tst_orderserviceflow PRIVATE
    DOPOOL_ORDERSERVICE_DIR="${DOPOOL_ORDERSERVICE_DIR}")
add_dependencies(tst_orderserviceflow dopool-cli)
if(TARGET orderservice_node)
    add_dependencies(tst_orderserviceflow orderservice_node)
endif()
add_test(NAME tst_orderserviceflow COMMAND tst_orderserviceflow)
set_tests_properties(tst_orderserviceflow PROPERTIES TIMEOUT 900 LABELS orderservice
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

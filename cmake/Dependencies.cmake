# Third-party sources, pinned (see cmake/pins.txt). Never vendored.
# Order of preference:
#   1. -DMD4C_SOURCE_DIR=... / -DYAMLCPP_SOURCE_DIR=...
#   2. .deps/ as unpacked by scripts/fetch-sources.sh (Debian source archive, SHA-256 checked)
#   3. FetchContent of the upstream release tags (needs internet access; untested here)
include(FetchContent)

set(_deps_dir "${PROJECT_SOURCE_DIR}/.deps")
if(NOT MD4C_SOURCE_DIR AND EXISTS "${_deps_dir}/md4c-release-0.5.2/src/md4c.c")
  set(MD4C_SOURCE_DIR "${_deps_dir}/md4c-release-0.5.2")
endif()
if(POSTRENDER_YAML_CPP AND NOT YAMLCPP_SOURCE_DIR AND EXISTS "${_deps_dir}/jbeder-yaml-cpp-f732014/CMakeLists.txt")
  set(YAMLCPP_SOURCE_DIR "${_deps_dir}/jbeder-yaml-cpp-f732014")
endif()

if(NOT MD4C_SOURCE_DIR)
  FetchContent_Declare(md4c_src
    GIT_REPOSITORY https://github.com/mity/md4c.git
    GIT_TAG release-0.5.2)
  FetchContent_Populate(md4c_src)
  set(MD4C_SOURCE_DIR "${md4c_src_SOURCE_DIR}")
endif()
if(POSTRENDER_YAML_CPP AND NOT YAMLCPP_SOURCE_DIR)
  FetchContent_Declare(yamlcpp_src
    GIT_REPOSITORY https://github.com/jbeder/yaml-cpp.git
    GIT_TAG 0.8.0)
  FetchContent_Populate(yamlcpp_src)
  set(YAMLCPP_SOURCE_DIR "${yamlcpp_src_SOURCE_DIR}")
endif()
message(STATUS "postrender: md4c from ${MD4C_SOURCE_DIR}")
if(POSTRENDER_YAML_CPP)
  message(STATUS "postrender: yaml-cpp from ${YAMLCPP_SOURCE_DIR}")
else()
  message(STATUS "postrender: without yaml-cpp (POSTRENDER_YAML_CPP=OFF)")
endif()

# md4c: the parser and its entity table only; our renderer replaces md4c-html. The core decodes
# entities with a table generated from entity.c (core/CMakeLists.txt), so entity.o is linked
# only by the tests, which check that table against md4c's own lookup.
add_library(md4c STATIC "${MD4C_SOURCE_DIR}/src/md4c.c" "${MD4C_SOURCE_DIR}/src/entity.c")
target_include_directories(md4c SYSTEM PUBLIC "${MD4C_SOURCE_DIR}/src")
set_target_properties(md4c PROPERTIES C_STANDARD 99 POSITION_INDEPENDENT_CODE ON)
target_compile_definitions(md4c PUBLIC MD4C_USE_UTF8)

if(POSTRENDER_YAML_CPP)
  set(YAML_CPP_BUILD_TESTS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_BUILD_TOOLS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_BUILD_CONTRIB OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_INSTALL OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_FORMAT_SOURCE OFF CACHE BOOL "" FORCE)
  set(YAML_BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
  add_subdirectory("${YAMLCPP_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/_deps/yaml-cpp" EXCLUDE_FROM_ALL SYSTEM)
endif()

find_package(doctest QUIET)

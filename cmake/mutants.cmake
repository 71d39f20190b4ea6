# Mutation check (./asyncspec mutants; catalogue: conformance/mutants.toml).
#
# -DASYNCSPEC_MUTANT=NAME switches one semantic bug into the reference: the
# definition ASYNCSPEC_MUTANT_<NAME> enables the `#ifdef` at its mutation
# point. -DASYNCSPEC_MUTANT_SOURCES=a.cpp;b.cpp (paths relative to the
# repository) limits the definition to those translation units, so switching
# mutants in one build directory recompiles only the files concerned; without
# it the definition is PUBLIC on asyncio_ref (every user recompiles).
# Normal builds leave both empty.

set(ASYNCSPEC_MUTANT "" CACHE STRING "Mutant switched into the reference (conformance/mutants.toml); empty: none")
set(ASYNCSPEC_MUTANT_SOURCES "" CACHE STRING
  "Translation units (repository-relative) compiled with the mutant; empty: the whole reference and its users")

if(ASYNCSPEC_MUTANT)
  if(NOT ASYNCSPEC_MUTANT MATCHES "^[A-Z0-9_]+$")
    message(FATAL_ERROR "ASYNCSPEC_MUTANT must be a mutant name in upper case (got '${ASYNCSPEC_MUTANT}')")
  endif()
  set(_asyncspec_mutant_def ASYNCSPEC_MUTANT_${ASYNCSPEC_MUTANT})
  if(ASYNCSPEC_MUTANT_SOURCES)
    foreach(_src IN LISTS ASYNCSPEC_MUTANT_SOURCES)
      if(_src MATCHES "^reference/")
        set(_targets asyncio_ref)
      elseif(_src MATCHES "^conformance/")
        set(_targets asyncspec-runner-reference)
        if(TARGET conformance_reference_tests)
          list(APPEND _targets conformance_reference_tests)
        endif()
      else()
        message(FATAL_ERROR "ASYNCSPEC_MUTANT_SOURCES: ${_src} is neither under reference/ nor conformance/")
      endif()
      if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${_src})
        message(FATAL_ERROR "ASYNCSPEC_MUTANT_SOURCES: no such file ${_src}")
      endif()
      set_property(SOURCE ${PROJECT_SOURCE_DIR}/${_src} TARGET_DIRECTORY ${_targets}
        APPEND PROPERTY COMPILE_DEFINITIONS ${_asyncspec_mutant_def})
    endforeach()
  else()
    target_compile_definitions(asyncio_ref PUBLIC ${_asyncspec_mutant_def})
  endif()
  message(STATUS "asyncspec: MUTANT ${ASYNCSPEC_MUTANT} switched in (${ASYNCSPEC_MUTANT_SOURCES})")
endif()

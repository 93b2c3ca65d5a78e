# Warnings and sanitizers as a target, not global flags: every pantau target links pantau_options.
add_library(pantau_options INTERFACE)
target_compile_features(pantau_options INTERFACE cxx_std_20)
target_compile_options(pantau_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual
  -Wimplicit-fallthrough
  $<$<BOOL:${PANTAU_WARNINGS_AS_ERRORS}>:-Werror>)
if(PANTAU_SANITIZE)
  target_compile_options(pantau_options INTERFACE
    -fsanitize=${PANTAU_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(pantau_options INTERFACE -fsanitize=${PANTAU_SANITIZE})
endif()
if(PANTAU_FUZZ)
  # Coverage for libFuzzer in every pantau target; the harnesses add -fsanitize=fuzzer (main).
  target_compile_options(pantau_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

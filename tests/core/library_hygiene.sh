#!/bin/sh
# The library never prints, exits or aborts: no references to stdout/stderr streams, printf-family
# output, exit or abort in the objects of libpantau_core (simdjson's avoid_* tests, with nm).
lib="$1"
bad=$(nm -C --undefined-only "$lib" 2>/dev/null |
  grep -E ' (std::cout|std::cerr|std::clog|stdout|stderr|printf|puts|fputs|fprintf|vfprintf|perror|exit|_exit|abort|std::terminate\(\))$' |
  sort -u)
if [ -n "$bad" ]; then
  echo "library_hygiene: $lib references forbidden symbols:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "library_hygiene: ok ($lib)"

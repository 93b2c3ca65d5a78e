# Every dependency is a Debian 12 package (scripts/setup.sh installs them); nothing is vendored.
find_package(Threads REQUIRED)
find_package(CLI11 CONFIG REQUIRED)            # libcli11-dev
find_package(fmt REQUIRED)                     # libfmt-dev
find_package(simdjson REQUIRED)                # libsimdjson-dev
find_package(CURL REQUIRED)                    # libcurl4-openssl-dev (FindCURL module)
find_package(SQLite3 REQUIRED)                 # libsqlite3-dev
find_package(OpenSSL REQUIRED)                 # libssl-dev (libcrypto for SHA-256)
find_package(ZLIB REQUIRED)                    # zlib1g-dev (.gz input)
find_package(PkgConfig REQUIRED)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)   # libutf8proc-dev
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)               # libvectorscan-dev
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)    # libtomlplusplus-dev
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)            # libgumbo-dev (t.me/s HTML)

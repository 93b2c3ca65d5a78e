// The credentials file: NAME=secret[,secret...] lines (mode 0600, as the loader insists).
#include <sys/stat.h>

#include "fuzz_support.h"
#include "pantau/fetch/credentials.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string path =
      pantau::fuzz::scratch_file("credentials", pantau::fuzz::as_text(data, size));
  chmod(path.c_str(), 0600);
  pantau::fetch::CredentialPool pool;
  (void)pool.load_file(path);
  (void)pool.all_secrets();
  return 0;
}

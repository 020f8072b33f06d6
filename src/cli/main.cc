// replylint: a rule-based reviewer of customer-support replies.
// The binary is a thin layer over the core library: commands.cc lists the
// commands (one file each); this file only runs them.
#include "checks/check.h"
#include "cli/commands.h"

#ifdef REPLYLINT_MIMALLOC
#include <mimalloc.h>

namespace {

// Huge pages (2 MiB) for the heap. A cold check touches some 6 MB of heap;
// on a virtual machine each 4 KiB page fault costs tens of microseconds, and
// the 1 700 of them were a third of the check. Two of mimalloc's defaults
// change: large OS pages (transparent huge pages, where the kernel grants
// them on request), and committing a thread's first segment at once, since
// one committed piece by piece never gets them. The price is up to 2 MB of
// resident memory per thread that allocates, kept until exit.
//
// mimalloc reads its options in its own initialiser, which runs before any
// constructor of this program; functions in .preinit_array run earlier
// still. Only defaults are set, so MIMALLOC_LARGE_OS_PAGES and
// MIMALLOC_EAGER_COMMIT_DELAY in the environment still win.
void SetAllocatorDefaults(int /*argc*/, char** /*argv*/, char** /*envp*/) {
  mi_option_set_enabled_default(mi_option_large_os_pages, true);
  mi_option_set_default(mi_option_eager_commit_delay, 0);
}
using PreinitFunction = void (*)(int, char**, char**);
[[gnu::section(".preinit_array"), gnu::used]] const PreinitFunction kSetAllocatorDefaults = SetAllocatorDefaults;

}  // namespace
#endif

int main(int argc, char** argv) {
  // The process ends right after the command: freeing Hunspell's
  // dictionaries would take longer than a check itself.
  replylint::KeepSpellingDictionariesUntilExit();
  return replylint::cli::Run(argc, argv);
}

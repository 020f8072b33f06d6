// Where a command writes its report, and how it stops on a signal.
//
// Output writes a report atomically: into a temporary file made with
// mkstemp (O_CREAT|O_EXCL, never through a planted symlink) in the target's
// own directory, with the old file's permissions, renamed over the target
// only once everything is written. A target that is not a regular file
// (/dev/null, a FIFO) is written straight to; a target that is one of the
// inputs is refused, so a report never replaces the export it was made from.
//
// StopOnSignal: the first SIGINT/SIGTERM asks the running pipeline to stop
// (g_stop); a second one removes the temporary files of the Outputs being
// written, if any, and ends the process with the signal. In a command
// without it, a SIGINT, SIGTERM or SIGHUP that is not ignored removes those
// files and ends the process with the signal.
//
// Thread-safety: one Output and one StopOnSignal per process, made on the
// main thread.
#ifndef REPLYLINT_CLI_OUTPUT_H_
#define REPLYLINT_CLI_OUTPUT_H_

#include <signal.h>

#include <atomic>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "replylint/status.h"

namespace replylint::cli {

extern std::atomic<bool> g_stop;
// The read end of the pipe the first stop signal writes a byte to (see
// PipelineOptions::stop_fd); made on the first call, -1 if it cannot be.
int StopFd();

class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

class Output {
 public:
  // `path` empty: standard output. `inputs`: the files the command reads
  // ("-" and directories are skipped); writing onto one is an error.
  explicit Output(std::string path, const std::vector<std::string>& inputs = {});
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  // OK, or why the output cannot be written (named in the message).
  const Status& status() const { return status_; }
  std::ostream& stream();
  // Flushes and, for a file, renames the temporary file over the target.
  Status Commit();

 private:
  std::string path_;
  std::string target_;  // the file replaced: path_, or where the symlink path_ points
  std::string tmp_;     // empty: no rename (standard output, a device, a FIFO)
  int tmp_slot_ = -1;   // where the signal handlers find tmp_
  std::unique_ptr<std::streambuf> buf_;
  std::unique_ptr<std::ostream> file_;
  Status status_;
  bool committed_ = false;
};

// Flushes standard output; an error (a full disk, a closed pipe) is a
// failed run: the message names it.
Status FlushStdout();

}  // namespace replylint::cli

#endif  // REPLYLINT_CLI_OUTPUT_H_

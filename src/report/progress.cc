#include "report/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/report_util.h"

namespace replylint {
namespace {

// 1234567 -> "1,234,567".
std::string Thousands(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Clock(double seconds) {
  const auto total = static_cast<uint64_t>(std::llround(seconds));
  const auto h = static_cast<unsigned long long>(total / 3600);
  const auto m = static_cast<unsigned>(total / 60 % 60), s = static_cast<unsigned>(total % 60);
  char buf[48];
  if (h) {
    std::snprintf(buf, sizeof buf, "%llu:%02u:%02u", h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%u:%02u", m, s);
  }
  return buf;
}

}  // namespace

ProgressSink::ProgressSink(ResultSink* next, std::ostream* err, uint64_t total_bytes)
    : next_(next), err_(err), total_(total_bytes), start_(std::chrono::steady_clock::now()), last_(start_) {}

std::string ProgressSink::Line(const PipelineStats& s, uint64_t total_bytes, double seconds) {
  std::ostringstream line;
  line << "replylint: " << Thousands(s.conversations) << " conversations, " << Thousands(s.agent_messages)
       << " replies";
  if (seconds > 0) line << " · " << Thousands(static_cast<uint64_t>(s.agent_messages / seconds)) << " replies/s";
  if (total_bytes > 0 && s.bytes_read > 0) {
    const double done = std::min(1.0, static_cast<double>(s.bytes_read) / static_cast<double>(total_bytes));
    line << " · " << Fixed(100 * done, 0) << "%";
    if (done < 1) line << " · about " << Clock(seconds * (1 - done) / done) << " left";
  }
  return line.str();
}

void ProgressSink::OnProgress(const PipelineStats& so_far) {
  next_->OnProgress(so_far);
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (seconds < 1.0 || now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  *err_ << '\r' << Line(so_far, total_, seconds) << "\x1b[K" << std::flush;
  shown_ = true;
}

void ProgressSink::OnRejected(const std::string& source, size_t line, const std::string& error) {
  Clear();
  next_->OnRejected(source, line, error);
}

void ProgressSink::Clear() {
  if (!shown_) return;
  *err_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace replylint

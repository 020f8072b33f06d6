// The conversation ids seen so far in a run, to report duplicates.
//
// Pipeline position: inside RunPipeline, on the calling thread. Memory grows
// with the number of distinct ids, compactly: the ids' bytes in one arena,
// 24 bytes of entry and 8-16 bytes of hash slots each (a million ids of ten
// bytes take about 45 MB; std::unordered_map<std::string, ...> takes twice
// that).
// Thread-safety: none; one thread.
#ifndef REPLYLINT_ENGINE_ID_INDEX_H_
#define REPLYLINT_ENGINE_ID_INDEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replylint {

class IdIndex {
 public:
  struct Place {
    uint32_t file = 0;  // index into the run's input files
    uint64_t line = 0;  // 1-based
  };
  // Records that `id` is at `place`. Returns where it was first seen when it
  // was seen before (and then records nothing).
  std::optional<Place> Insert(std::string_view id, Place place);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint64_t offset;  // into arena_
    uint32_t size;
    uint32_t file;
    uint64_t line;
  };
  std::string_view IdOf(const Entry& e) const { return std::string_view(arena_).substr(e.offset, e.size); }
  void Grow();

  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // open addressing: 0 empty, else entry index + 1
};

// An id as a warning shows it: quoted, and cut when absurdly long.
std::string QuotedId(const std::string& id);
// The warning about a conversation id seen before in the run (`shown_id` as
// QuotedId or redaction shows it). The history (src/store) keeps one copy of
// an id and tells this warning by kDuplicateIdMark.
std::string DuplicateIdWarning(const std::string& file, uint64_t line, const std::string& shown_id,
                               const std::string& first_file, uint64_t first_line);
inline constexpr std::string_view kDuplicateIdMark = ": duplicate conversation id ";

}  // namespace replylint

#endif  // REPLYLINT_ENGINE_ID_INDEX_H_

#include "engine/id_index.h"

#include <functional>
#include <limits>

namespace replylint {

std::optional<IdIndex::Place> IdIndex::Insert(std::string_view id, Place place) {
  // An id longer than 4 GiB cannot come from a line within the limit; the
  // table holds at most 2^32 - 2 ids. Past either, ids are not tracked.
  if (id.size() > std::numeric_limits<uint32_t>::max() || entries_.size() >= std::numeric_limits<uint32_t>::max() - 1) {
    return std::nullopt;
  }
  if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = std::hash<std::string_view>()(id) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) {
      entries_.push_back({arena_.size(), static_cast<uint32_t>(id.size()), place.file, place.line});
      arena_.append(id);
      slots_[i] = static_cast<uint32_t>(entries_.size());
      return std::nullopt;
    }
    const Entry& e = entries_[slots_[i] - 1];
    if (IdOf(e) == id) return Place{e.file, e.line};
  }
}

void IdIndex::Grow() {
  std::vector<uint32_t> slots(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  const size_t mask = slots.size() - 1;
  for (size_t k = 0; k < entries_.size(); ++k) {
    size_t i = std::hash<std::string_view>()(IdOf(entries_[k])) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = static_cast<uint32_t>(k + 1);
  }
  slots_ = std::move(slots);
}

std::string QuotedId(const std::string& id) {
  std::string out = "\"";
  if (id.size() <= 80) {
    out += id;
    out += '"';
    return out;
  }
  size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80) --cut;
  out.append(id, 0, cut);
  out += "…\" (";
  out += std::to_string(id.size());
  out += " bytes)";
  return out;
}

std::string DuplicateIdWarning(const std::string& file, uint64_t line, const std::string& shown_id,
                               const std::string& first_file, uint64_t first_line) {
  std::string out = file;
  out += ':';
  out += std::to_string(line);
  out += kDuplicateIdMark;
  out += shown_id;
  out += " (first at ";
  out += first_file;
  out += ':';
  out += std::to_string(first_line);
  out += "); both are analysed";
  return out;
}

}  // namespace replylint

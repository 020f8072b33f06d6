// How the store writes a conversation and the parts of a reply's result
// that are not columns: as JSON that reads back to equal values, every
// field included (unlike the input format, which drops the source position
// and evaluation labels), so a replayed report is byte for byte the one the
// audit wrote.
#ifndef REPLYLINT_STORE_RECORDS_H_
#define REPLYLINT_STORE_RECORDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "replylint/engine.h"
#include "replylint/status.h"

namespace replylint {

struct StoredSettings;

std::string EncodeConversation(const Conversation& c);
StatusOr<Conversation> DecodeConversation(std::string_view json);

// MessageResult::costs and ::response ("" when there is none).
std::string EncodeCosts(const std::vector<std::pair<std::string, double>>& costs);
StatusOr<std::vector<std::pair<std::string, double>>> DecodeCosts(std::string_view json);
std::string EncodeResponse(const std::optional<ResponseTime>& r);
StatusOr<std::optional<ResponseTime>> DecodeResponse(std::string_view json);

// Finding::conversations, and a list of strings in general.
std::string EncodeStrings(const std::vector<std::string>& v);
StatusOr<std::vector<std::string>> DecodeStrings(std::string_view json);

// A run's settings (Store::BeginRun); a damaged value reads as the defaults.
std::string EncodeSettings(const StoredSettings& s);
StoredSettings DecodeSettings(std::string_view text);

}  // namespace replylint

#endif  // REPLYLINT_STORE_RECORDS_H_

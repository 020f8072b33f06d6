#include "ingest/csv.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_util.h"

using namespace replylint;

namespace {

std::string Fixture(const std::string& name) {
  // Appended rather than concatenated: GCC 12 warns falsely (-Warray-bounds)
  // about literal + string once this is inlined into enough callers.
  std::string path = REPLYLINT_SOURCE_DIR;
  path.append("/tests/ingest/fixtures/").append(name);
  return path;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The records as the contract's JSONL (conversations) and error lines.
std::string Render(const std::vector<ConvertedRecord>& records) {
  std::string out;
  for (const ConvertedRecord& r : records) {
    out += r.conversation.ok() ? ConversationJsonl(*r.conversation) : "rejected: " + r.conversation.status().message();
    out += '\n';
    for (const std::string& w : r.warnings) out += "warning: " + w + '\n';
  }
  return out;
}

// Compares with tests/ingest/golden/NAME; UPDATE_GOLDEN=1 rewrites it.
void CheckGolden(const std::string& name, const std::string& got) {
  const std::string path = std::string(REPLYLINT_SOURCE_DIR) + "/tests/ingest/golden/" + name;
  if (std::getenv("UPDATE_GOLDEN") != nullptr) std::ofstream(path, std::ios::binary) << got;
  CHECK(got == Slurp(path));
}

}  // namespace

TEST_CASE("RFC 4180: quoted delimiters, doubled quotes and line breaks; lines counted from the record's start",
          "[ingest][csv]") {
  CsvReader r("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nnext\"\n\nlast,\"\"\n", ',');
  std::vector<std::string> f;
  size_t line = 0;
  std::string error;
  REQUIRE(r.Next(&f, &line, &error));
  CHECK(f == std::vector<std::string>{"a", "b"});
  REQUIRE(r.Next(&f, &line, &error));
  CHECK(line == 2);
  CHECK(f == std::vector<std::string>{"x, y", "say \"hi\"\nnext"});
  REQUIRE(r.Next(&f, &line, &error));
  CHECK(line == 5);  // after the two-line record and a blank line
  CHECK(f == std::vector<std::string>{"last", ""});
  CHECK(error.empty());
  CHECK_FALSE(r.Next(&f, &line, &error));
}

TEST_CASE("An unclosed quote is an error that names the line it opened on", "[ingest][csv]") {
  CsvReader r("id\tt\n1\t\"open\n2\tmore\n", '\t');
  std::vector<std::string> f;
  size_t line = 0;
  std::string error;
  REQUIRE(r.Next(&f, &line, &error));
  REQUIRE(r.Next(&f, &line, &error));
  CHECK(line == 2);
  CHECK(error == "unclosed quote: the field opened at line 2 runs to the end of the file");
}

TEST_CASE("A helpdesk CSV with a column map becomes conversations; bad rows are rejected with file:line",
          "[ingest][csv]") {
  auto map = LoadColumnMap(Fixture("map.yaml"));
  REQUIRE(map.ok());
  Status fatal;
  const auto records = ConvertCsv(Slurp(Fixture("helpdesk.csv")), "helpdesk.csv", *map, &fatal);
  REQUIRE(fatal.ok());
  // 8 data rows: 6 in 4 conversations, 2 rejected (a missing column, an
  // unknown channel): every row is accounted for.
  size_t rows_in_conversations = 0, rejected = 0;
  for (const auto& r : records) {
    if (r.conversation.ok()) rows_in_conversations += r.conversation->messages.size();
    rejected += r.conversation.ok() ? 0 : 1;
  }
  CHECK(rows_in_conversations + rejected == 8);
  CHECK(rejected == 2);
  CheckGolden("helpdesk.txt", Render(records));
}

TEST_CASE("Without a map the contract's own column names are read; a missing column stops the file", "[ingest][csv]") {
  Status fatal;
  auto records = ConvertCsv("conversation_id,role,text,channel\nc1,customer,Hi,chat\nc1,agent,Hello!,chat\n", "a.csv",
                            ColumnMap{}, &fatal);
  REQUIRE(fatal.ok());
  REQUIRE(records.size() == 1);
  CHECK(records[0].conversation->channel == Channel::kChat);
  CHECK(records[0].conversation->messages[1].role == Role::kAgent);
  ConvertCsv("ticket,who,body\n1,agent,x\n", "b.csv", ColumnMap{}, &fatal);
  REQUIRE_FALSE(fatal.ok());
  CHECK(fatal.message().find("b.csv:1: no column \"conversation_id\"") == 0);
}

TEST_CASE("A column map with an unknown key or field, or without the needed columns, is refused with its line",
          "[ingest][csv]") {
  auto bad = ParseColumnMap("columns:\n  conversation: id\n  txt: body\n", "m.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("m.yaml:3: unknown field \"txt\"") == 0);
  auto incomplete = ParseColumnMap("columns:\n  conversation: id\n  text: body\n", "m.yaml");
  REQUIRE_FALSE(incomplete.ok());
  CHECK(incomplete.status().message() == "m.yaml: columns must name at least conversation, role and text");
  auto delimiter = ParseColumnMap("delimiter: tab\ncolumns: {conversation: a, role: b, text: c}\n", "m.yaml");
  REQUIRE(delimiter.ok());
  CHECK(delimiter->delimiter == '\t');
}

TEST_CASE("The Twitter support layout rebuilds threads from the reply links", "[ingest][csv][twitter]") {
  Status fatal;
  const auto records = ConvertTwitterCsv(Slurp(Fixture("twcs.csv")), "twcs.csv", &fatal);
  REQUIRE(fatal.ok());
  REQUIRE(records.size() == 4);  // two threads, two bad rows
  REQUIRE(records[0].conversation.ok());
  const Conversation& c = *records[0].conversation;
  CHECK(c.id == "tweet-10");
  CHECK(c.channel == Channel::kSocial);
  REQUIRE(c.messages.size() == 3);
  CHECK(c.messages[1].role == Role::kAgent);
  CHECK(c.messages[1].text.rfind("Sorry to hear that!", 0) == 0);  // the leading @handle dropped
  CHECK(c.messages[1].at == "2017-10-31T22:15:02+00:00");
  CheckGolden("twcs.txt", Render(records));
}

TEST_CASE("A CSV audit keeps the conservation line: records read = conversations + rejected", "[ingest][csv]") {
  using replylint::testing::DefaultEngine;
  struct Counting : ResultSink {
    size_t conversations = 0, rejected = 0;
    std::vector<std::string> errors;
    void OnConversation(const Conversation&, const ConversationResult&) override { ++conversations; }
    void OnRejected(const std::string&, size_t, const std::string& e) override {
      ++rejected;
      errors.push_back(e);
    }
  } sink;
  IngestOptions ingest;
  ingest.column_map = Fixture("map.yaml");
  PipelineOptions o;
  o.ingest = &ingest;  // format told from the name: .csv
  PipelineStats stats;
  REQUIRE(RunPipeline(DefaultEngine(), {Fixture("helpdesk.csv")}, o, &sink, &stats).ok());
  CHECK(stats.lines_read == 6);
  CHECK(sink.conversations == 4);
  CHECK(sink.rejected == 2);
  CHECK(stats.conversations + stats.rejected == stats.lines_read);
  REQUIRE(sink.errors.size() == 2);
  CHECK(sink.errors[0].find("helpdesk.csv:10: the row has 4 fields, the header 7") != std::string::npos);
}

namespace {

// Every record a source gives, rendered as Render does.
std::string Drain(ConvertedSource& source) {
  std::vector<ConvertedRecord> records;
  ConvertedRecord r;
  while (source.Next(&r)) records.push_back(std::move(r));
  return Render(records);
}

}  // namespace

TEST_CASE("A CSV file is read through a mapping with the same result as from memory; empty, missing and a pipe",
          "[ingest][csv]") {
  auto map = LoadColumnMap(Fixture("map.yaml"));
  REQUIRE(map.ok());
  const std::string path = Fixture("helpdesk.csv");
  Status fatal;
  const std::string in_memory = Render(ConvertCsv(Slurp(path), path, *map, &fatal));
  REQUIRE(fatal.ok());
  auto mapped = OpenCsv(path, Fixture("map.yaml"));
  REQUIRE(mapped.ok());
  CHECK((*mapped)->bytes() == 0);  // nothing counted before the first record
  CHECK(Drain(**mapped) == in_memory);
  CHECK((*mapped)->bytes() == Slurp(path).size());

  const std::string twcs = Fixture("twcs.csv");
  auto tweets = OpenTwitterCsv(twcs);
  REQUIRE(tweets.ok());
  CHECK(Drain(**tweets) == Render(ConvertTwitterCsv(Slurp(twcs), twcs, &fatal)));

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("replylint-csv-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string empty = (dir / "empty.csv").string();
  std::ofstream(empty, std::ios::binary).close();
  auto none = OpenCsv(empty, "");
  REQUIRE(none.ok());  // an empty file is no records, not an error
  CHECK(Drain(**none).empty());

  auto missing = OpenCsv((dir / "missing.csv").string(), "");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("missing.csv: no such file") != std::string::npos);
  auto directory = OpenTwitterCsv(dir.string());
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.status().message().find("is a directory") != std::string::npos);

  // A pipe cannot be mapped: it is read as a stream, as before.
  const std::string fifo = (dir / "pipe.csv").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << Slurp(path); });
  auto piped = OpenCsv(fifo, Fixture("map.yaml"));
  writer.join();
  REQUIRE(piped.ok());
  CHECK(Drain(**piped) == Render(ConvertCsv(Slurp(path), fifo, *map, &fatal)));
  std::filesystem::remove_all(dir);
}

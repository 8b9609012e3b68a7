// Reading with several threads (SessionOptions::threads, `mailflow --threads N`) gives the same
// answer as one thread, bit for bit: the same aggregate JSON, with the same source reports (records,
// skip reasons, problems with their line numbers, notes, "counted from another file" naming the same
// file). Every example and test data file, alone, made long enough that its parse thread runs
// (ingest/parse_worker.h starts it once the format is chosen from the first 64 KB), in odd chunks,
// and together with the files its messages join. The same for files parsed apart, as the page's
// parse workers do (ingest/detached_source.h): parsed to bytes first, then counted from those.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "aggregate/aggregate_json.h"
#include "formats/format_test_util.h"
#include "ingest/detached_source.h"
#include "io/compress_util.h"
#include "support/ingest.h"
#include "support/page_ranges.h"

namespace mailflow {
namespace {

namespace fs = std::filesystem;
using Files = std::vector<std::pair<std::string, std::string>>;

Files operator+(Files a, const Files& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Long enough for several chunks after the 64 KB the format is chosen from.
constexpr size_t kLongInput = 300u << 10;

// The chunks of `bytes` as `cutting` cuts them.
std::vector<std::string_view> chunks(std::string_view bytes, test::Cutting cutting) {
  std::vector<std::string_view> out;
  std::mt19937 random(cutting.seed);
  for (size_t pos = 0; pos < bytes.size();) {
    size_t n = bytes.size() - pos;
    if (cutting.seed) n = std::min(n, size_t{1} + random() % cutting.fixed);
    else if (cutting.fixed) n = std::min(n, cutting.fixed);
    out.push_back(bytes.substr(pos, n));
    pos += n;
  }
  return out;
}
const uint8_t* data_of(std::string_view chunk) { return reinterpret_cast<const uint8_t*>(chunk.data()); }

// Feeds as the shell does (shell/input.cpp): chunk after chunk, a file's feeding stops once the
// source says it reads no further, then finish.
// `range_bytes`: with threads, a large file of a format that cuts at records is parsed in ranges of
// about this size (ingest/range_reading.h); 0 = the engine's own size, larger than any file here.
// `in_buffers`: as the shell reads (shell/input.cpp), the first chunk fed in a buffer a parse thread
// may take as it is (it gives back one of its own), the rest read through Session::read_rest, on
// the file's parse thread when it has one.
std::string aggregate_json(const Files& files, unsigned threads, test::Cutting cutting, size_t range_bytes = 0,
                           bool in_buffers = false) {
  SessionOptions options;
  options.threads = threads;
  if (range_bytes) options.range_bytes = range_bytes;
  Session session(options);
  ByteBuffer buffer;
  for (const auto& [name, bytes] : files) {
    const auto id = session.add_source(name);
    const std::vector<std::string_view> pieces = chunks(bytes, cutting);
    if (in_buffers) {
      size_t next = 0;
      const auto read = [&](ByteBuffer& into) -> size_t {
        if (next == pieces.size()) return 0;
        const std::string_view chunk = pieces[next++];
        into.resize(std::max(into.size(), chunk.size()));
        std::copy(chunk.begin(), chunk.end(), into.begin());
        return chunk.size();
      };
      if (const size_t size = read(buffer)) session.feed(id, buffer, size);
      session.read_rest(id, buffer, read);
    } else {
      for (const auto chunk : pieces) {
        session.feed(id, data_of(chunk), chunk.size());
        if (session.stopped(id)) break;
      }
    }
    session.finish(id);
  }
  const std::string snapshot = aggregate_to_json(session.aggregate(), JsonWriteOptions{.indent = 1});
  const std::string at_end = aggregate_to_json(std::move(session).aggregate(), JsonWriteOptions{.indent = 1});
  EXPECT_EQ(at_end, snapshot) << "the shell's aggregate, the counted cells handed over, is the snapshot's";
  return at_end;
}

// As the page with parse workers: every file is parsed apart first (as if each had a parse worker
// that ran ahead), sending what it would send after each chunk, then the session counts the files
// in order from those messages; a file the session must read itself is read from its start.
std::string aggregate_json_parsed_apart(const Files& files, test::Cutting cutting) {
  struct Sent {
    std::string events, progress;
  };
  struct Parsed {
    bool local = false;
    std::vector<Sent> sent;
    std::string state;
  };
  std::vector<Parsed> parsed(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    DetachedSource file(files[i].first, SessionOptions{});
    for (const auto chunk : chunks(files[i].second, cutting)) {
      file.feed(data_of(chunk), chunk.size());
      if (file.detachable() == false) break;
      parsed[i].sent.push_back({file.take_events(), file.progress()});
      if (file.stopped()) break;
    }
    if (file.detachable() != false) file.finish();
    parsed[i].local = file.detachable() == false;
    if (parsed[i].local) continue;
    parsed[i].sent.push_back({file.take_events(), file.progress()});
    parsed[i].state = file.state();
  }
  Session session;
  for (size_t i = 0; i < files.size(); ++i) {
    const auto id = session.add_source(files[i].first);
    if (parsed[i].local) {
      for (const auto chunk : chunks(files[i].second, cutting)) {
        session.feed(id, data_of(chunk), chunk.size());
        if (session.stopped(id)) break;
      }
      session.finish(id);
      continue;
    }
    session.detach(id);
    for (const Sent& sent : parsed[i].sent) {
      EXPECT_TRUE(session.replay_detached(id, sent.events));
      EXPECT_TRUE(session.show_detached_progress(id, sent.progress));
    }
    EXPECT_TRUE(session.finish_detached(id, parsed[i].state));
  }
  return aggregate_to_json(session.aggregate(), JsonWriteOptions{.indent = 1});
}

// As the page reads a large file with several parse workers (support/page_ranges.h).
std::string aggregate_json_in_page_ranges(const Files& files, test::Cutting cutting, size_t range_bytes,
                                          test::PageRangeCounts* counts = nullptr) {
  Session session;
  for (const auto& [name, bytes] : files) {
    const auto id = session.add_source(name);
    EXPECT_TRUE(test::read_in_page_ranges(
        session, id, bytes, [&](std::string_view rest) { return chunks(rest, cutting); }, range_bytes, counts))
        << "the session and a range agree on where the range ends";
  }
  return aggregate_to_json(session.aggregate(), JsonWriteOptions{.indent = 1});
}

// Equal aggregate JSON; else the first line that differs (gtest's own diff of two large JSON
// texts takes memory by the square of their lines).
testing::AssertionResult same_json(const std::string& got, const std::string& want) {
  if (got == want) return testing::AssertionSuccess();
  size_t at = 0;
  while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
  const size_t line = want.rfind('\n', at) == std::string::npos ? 0 : want.rfind('\n', at) + 1;
  return testing::AssertionFailure() << "differs at byte " << at << ": got\n"
                                     << got.substr(line, at - line + 200) << "\nwant\n"
                                     << want.substr(line, at - line + 200);
}

// The same with 2, 3 and 8 threads as with 1 (files of a format that cuts at records in one range,
// and cut into ranges of a line or a few KB: ingest/range_reading.h, from 2 threads on for a log),
// and parsed apart, in one chunk, in odd fixed chunks and in random ones.
void expect_same_answer(const Files& files) {
  for (const test::Cutting cutting : {test::Cutting{0, 0}, test::Cutting{4093, 0}, test::Cutting{70001, 11}}) {
    const std::string one = aggregate_json(files, 1, cutting);
    const std::string trace = ", chunks of " + std::to_string(cutting.fixed) + (cutting.seed ? " at most" : "");
    for (unsigned threads : {2u, 3u, 8u}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + trace);
      EXPECT_TRUE(same_json(aggregate_json(files, threads, cutting), one));
      if (threads == 2) EXPECT_TRUE(same_json(aggregate_json(files, threads, cutting, 0, true), one)) << "in buffers";
      const size_t range_bytes = threads == 8 ? 3001 * threads : 1;
      EXPECT_TRUE(same_json(aggregate_json(files, threads, cutting, range_bytes), one)) << "in ranges";
      EXPECT_TRUE(same_json(aggregate_json(files, threads, cutting, range_bytes, true), one)) << "in ranges, in buffers";
    }
    SCOPED_TRACE("parsed apart" + trace);
    EXPECT_TRUE(same_json(aggregate_json_parsed_apart(files, cutting), one));
    for (const size_t range_bytes : {size_t{257}, size_t{4096}, size_t{1} << 20})
      EXPECT_TRUE(same_json(aggregate_json_in_page_ranges(files, cutting, range_bytes), one))
          << "in page ranges of " << range_bytes;
  }
}

// The file repeated up to kLongInput: every format's reader takes it (a header repeated mid-file is a
// record with a reason, a gzip file becomes a multi-member one, JSON documents follow each other).
std::string long_version(const std::string& bytes) {
  std::string out;
  if (bytes.empty()) return out;
  while (out.size() < kLongInput) out += bytes;
  return out;
}

bool is_input(const fs::path& path) {
  const std::string name = path.filename().string();
  const std::string ext = path.extension().string();
  return !name.starts_with(".") && !name.ends_with(".expected.json") && name != "expected-totals.json" &&
         name != "expected-compressed.json" && ext != ".md" && ext != ".mjs";
}

// Inputs of one case: a file, or the files of a folder (in name order, as the shell feeds a folder).
Files files_of(const fs::path& path) {
  std::vector<fs::path> paths;
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path))
      if (entry.is_regular_file() && is_input(entry.path())) paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
  } else {
    paths.push_back(path);
  }
  Files files;
  for (const auto& p : paths) files.emplace_back(p.filename().string(), test::read_file(p.string()));
  return files;
}

std::vector<fs::path> cases_in(const fs::path& dir) {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(dir))
    if (is_input(entry.path())) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<fs::path> all_cases() {
  std::vector<fs::path> cases;
  for (const fs::path dir : {fs::path(MAILFLOW_EXAMPLES_DIR), fs::path(MAILFLOW_EXAMPLES_DIR) / "compressed",
                             fs::path(MAILFLOW_EXAMPLES_DIR) / "compressed" / "tlsrpt", fs::path(MAILFLOW_TEST_DATA_DIR),
                             fs::path(MAILFLOW_TEST_DATA_DIR) / "real-shapes",
                             fs::path(MAILFLOW_TEST_DATA_DIR).parent_path() / "fuzz" / "regressions"}) {
    for (auto& c : cases_in(dir))
      if (c.filename() != "compressed" && c.filename() != "real-shapes" && c.filename() != "tlsrpt") cases.push_back(c);
  }
  return cases;
}

TEST(Threads, EveryFileAsItIs) {
  const auto cases = all_cases();
  ASSERT_GT(cases.size(), 50u);
  for (const auto& path : cases) {
    SCOPED_TRACE(path.string());
    expect_same_answer(files_of(path));
  }
}

TEST(Threads, EveryFileLongEnoughToParseOnItsOwnThread) {
  for (const auto& path : all_cases()) {
    SCOPED_TRACE(path.string());
    Files files = files_of(path);
    for (auto& [name, bytes] : files) bytes = long_version(bytes);
    expect_same_answer(files);
  }
}

// Messages that join across files: the Exchange tracking log and its protocol logs, the trace and
// its detail, all examples together; each file also long, so every one parses on its own thread.
TEST(Threads, FilesWhoseMessagesJoin) {
  const fs::path examples = MAILFLOW_EXAMPLES_DIR;
  const std::vector<Files> sets = {
      files_of(examples / "MSGTRK20261102-1.LOG") + files_of(examples / "RECV20261102-1.LOG") +
          files_of(examples / "SEND20261102-1.LOG"),
      files_of(examples / "message-trace.csv") + files_of(examples / "message-trace-detail.csv"),
      files_of(examples / "exo-extended-report.csv") + files_of(examples / "exo-enhanced-summary.csv") +
          files_of(examples / "message-trace.csv") + files_of(examples / "message-trace-detail.csv"),
  };
  for (const Files& set : sets) {
    SCOPED_TRACE(set.front().first);
    expect_same_answer(set);
    Files long_set = set;
    for (auto& [name, bytes] : long_set) bytes = long_version(bytes);
    expect_same_answer(long_set);
  }
  Files everything;
  for (const auto& path : cases_in(examples))
    if (!fs::is_directory(path)) everything = everything + files_of(path);
  expect_same_answer(everything);
}

// What a parse worker does with each kind of file: a file whose messages join by id sends them as
// events; the session reads a zip archive (its entries become sources) and a Postfix or Sendmail
// log (whose reader asks the count as it reads) itself; an unrecognised file ends with its reason.
TEST(Threads, WhichFilesAreParsedApart) {
  const std::string examples = MAILFLOW_EXAMPLES_DIR;
  auto parse = [](const std::string& name, const std::string& bytes) {
    auto file = std::make_unique<DetachedSource>(name, SessionOptions{});
    file->feed(data_of(bytes), bytes.size());
    if (file->detachable() != false) file->finish();
    return file;
  };
  auto csv = parse("mailflow.csv", test::read_file(examples + "/mailflow.csv"));
  EXPECT_EQ(csv->detachable(), true);
  EXPECT_FALSE(csv->take_events().empty());
  EXPECT_TRUE(csv->take_events().empty());  // taken once
  auto postfix = parse("maillog", test::read_file(examples + "/maillog-postfix"));
  EXPECT_EQ(postfix->detachable(), false);
  auto sendmail = parse("maillog", test::read_file(examples + "/maillog-sendmail"));
  EXPECT_EQ(sendmail->detachable(), false);
  for (const auto& entry : fs::directory_iterator(fs::path(examples) / "compressed"))
    if (entry.path().extension() == ".zip")
      EXPECT_EQ(parse(entry.path().filename().string(), test::read_file(entry.path().string()))->detachable(), false);
  auto garbage = parse("notes.txt", std::string(1000, 'x'));
  EXPECT_EQ(garbage->detachable(), true);
  Session session;
  const auto id = session.add_source("notes.txt");
  session.detach(id);
  EXPECT_TRUE(session.finish_detached(id, garbage->state()));
  EXPECT_FALSE(session.report(id).error.empty());
  EXPECT_TRUE(session.report(id).finished);
}

// Bytes the parse worker did not write end the file with an error, never a crash.
TEST(Threads, ParsedApartBytesThatAreNotEvents) {
  Session session;
  const auto id = session.add_source("file.csv");
  session.detach(id);
  EXPECT_FALSE(session.replay_detached(id, "not events at all"));
  EXPECT_FALSE(session.report(id).error.empty());
  EXPECT_TRUE(session.report(id).finished);
  const auto other = session.add_source("other.csv");
  session.detach(other);
  EXPECT_FALSE(session.show_detached_progress(other, "{"));
  EXPECT_FALSE(session.finish_detached(other, "{\"bytes_read\":1}\n{}"));
  EXPECT_FALSE(session.report(other).error.empty());
}

// A file whose parsing side stops before its end (the page's parse worker failed, or the browser
// could not read the file further): the session ends it with what was replayed, and the file's
// report counts each of those messages once, as the aggregate does.
TEST(Threads, ParsedApartFileEndedBeforeItsState) {
  const std::string csv = long_version(test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/mailflow.csv"));
  DetachedSource file("cut.csv", SessionOptions{});
  Session session;
  const auto id = session.add_source("cut.csv");
  session.detach(id);
  const std::vector<std::string_view> pieces = chunks(csv, {.fixed = 8191});
  for (size_t i = 0; i < pieces.size() / 2; ++i) {
    file.feed(data_of(pieces[i]), pieces[i].size());
    ASSERT_TRUE(session.replay_detached(id, file.take_events()));
    ASSERT_TRUE(session.show_detached_progress(id, file.progress()));
  }
  session.finish(id);
  const uint64_t counted = session.aggregate().total().messages;
  EXPECT_GT(counted, 0u);
  EXPECT_EQ(session.report(id).messages, counted);
  EXPECT_TRUE(session.report(id).finished);
}

// The same messages in two files: the second file's notes say they were counted from the first,
// and name it, with any number of threads.
TEST(Threads, SameMessagesInTwoFilesNameTheFileThatCountedThem) {
  const std::string csv = long_version(test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/mailflow.csv"));
  const std::string extended = test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/exo-extended-report.csv");
  const Files files = {{"first.csv", csv}, {"again.csv", csv}, {"extended.csv", extended}, {"extended-again.csv", extended}};
  expect_same_answer(files);
  const std::string json = aggregate_json(files, 2, {4093, 0});
  EXPECT_NE(json.find("\"counted_by\": \"first.csv\""), std::string::npos) << json.substr(0, 2000);
  EXPECT_NE(json.find("\"counted_by\": \"extended.csv\""), std::string::npos);
}

// A gzip file corrupt in its middle: the file is read up to the damage, its error said, and the
// bytes counted as read are those of the chunks up to the one that found it, with any threads.
TEST(Threads, FileThatStopsInTheMiddle) {
  std::string gz = test::gzip(long_version(test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/mailflow.csv")));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  const Files files = {{"damaged.csv.gz", gz}, {"after.csv", test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/mailflow.csv")}};
  const std::string one = aggregate_json(files, 1, {4093, 0});
  EXPECT_NE(one.find("corrupt gzip"), std::string::npos) << one.substr(0, 3000);
  expect_same_answer(files);
}

// A range whose reader cannot be taken over exactly: an Extended report that names more events than
// a report keeps reasons for (EventReasons' bound), the first half of them in the file's first
// ranges and the rest later. The file's own reader then reads on from that range: the same answer.
TEST(Threads, RangeThatCannotBeTakenOver) {
  const std::string header =
      "date_time_utc,source,event_id,message_id,connector_id,custom_data,total_bytes\n";
  std::string csv = header;
  for (int i = 0; i < 6000; ++i) {
    const int event = i < 3000 ? i % 20 : 20 + i % 20;  // 20 names, then 20 others
    csv += "2026-11-0" + std::to_string(1 + i % 9) + "T10:00:00Z,AGENT,EVENT" + std::to_string(event) + ",<m" +
           std::to_string(i) + ">,,,1\n";
    csv += "2026-11-0" + std::to_string(1 + i % 9) + "T10:00:01Z,SMTP,RECEIVE,<m" + std::to_string(i) +
           ">,Inbound,S:tlsversion=TLS1_2,2000\n";
  }
  const Files files = {{"extended.csv", csv}};
  const std::string one = aggregate_json(files, 1, {65536, 0});
  EXPECT_NE(one.find("other events"), std::string::npos);
  for (unsigned threads : {3u, 8u}) EXPECT_EQ(aggregate_json(files, threads, {65536, 0}, 20000), one);
}

// A log read with threads 2, 3 and 8 in ranges of 1, 700 and 5,000 bytes gives `one` (its aggregate
// and its notes), as read with one thread.
void expect_same_in_ranges(const std::string& log, const test::ReadResult& one, SessionOptions options = {}) {
  for (unsigned threads : {2u, 3u, 8u}) {
    for (size_t range_bytes : {size_t{1}, size_t{700}, size_t{5000}}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + ", ranges of " + std::to_string(range_bytes));
      options.threads = threads;
      options.range_bytes = range_bytes;
      const test::ReadResult got = test::read_text(log, {997, 0}, options);
      EXPECT_TRUE(same_json(got.json, one.json));
      EXPECT_EQ(got.report.notes, one.report.notes);
    }
  }
}

// An Exim delivery takes the size of its message's arrival, which may lie in an earlier range: a
// range leaves the look-up to the file's reader, which keeps the sizes in file order ("Completed"
// forgets one). Counted by hand: 1000 arrivals of 1000 + i bytes, each delivered about a hundred
// lines later (ranges here are a few lines, past the first 64 KB that choose the format), every
// tenth after its "Completed" line (no size), and 5 deliveries of messages whose arrival is not in
// the log.
TEST(Threads, EximDeliverySizesFromArrivalsInEarlierRanges) {
  auto id = [](int i) {
    char text[24];
    std::snprintf(text, sizeof text, "1t%04d-0001Xy-Q2", i);
    return std::string(text);
  };
  std::string log;
  int second = 0;
  auto line = [&](int i, const std::string& rest) {
    char stamp[24];
    std::snprintf(stamp, sizeof stamp, "2026-11-20 %02d:%02d:%02d ", 8 + second / 3600, second / 60 % 60, second % 60);
    ++second;
    log += stamp + id(i) + " " + rest + "\n";
  };
  auto deliver = [&](int i) {
    line(i, "=> r@dest.example R=dnslookup T=remote_smtp H=mx.dest.example [198.51.100.1] "
            "X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes C=\"250 OK\"");
  };
  for (int i = 0; i < 1050; ++i) {
    if (i < 1000)
      line(i, "<= s@sender.example H=mx.sender.example [203.0.113.5]:2525 P=esmtps "
              "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=" + std::to_string(1000 + i));
    const int done = i - 50;
    if (done < 0 || done >= 1000) continue;
    if (done % 10 == 0) line(done, "Completed");
    deliver(done);
    if (done % 10) line(done, "Completed");
  }
  for (int i = 0; i < 5; ++i) deliver(9000 + i);

  const test::ReadResult one = test::read_text(log);
  EXPECT_EQ(test::count(one.aggregate, Direction::Inbound), 1000u);
  EXPECT_EQ(test::total_bytes(one.aggregate, Direction::Inbound), 1000u * 1000 + 999 * 1000 / 2);
  EXPECT_EQ(test::count(one.aggregate, Direction::Outbound), 1005u);
  // Sizes of the 900 delivered before their "Completed": 1000 + i for i not a multiple of 10.
  EXPECT_EQ(test::total_bytes(one.aggregate, Direction::Outbound), 900u * 1000 + (999 * 1000 / 2 - 10 * (99 * 100 / 2)));
  EXPECT_NE(std::find(one.report.notes.begin(), one.report.notes.end(),
                      "105 deliveries have no arrival line in this log (their size is not known)"),
            one.report.notes.end());
  expect_same_in_ranges(log, one);
}

// A Postfix log cut into ranges: a range's reader only parses its lines, the file's reader applies
// them in order at the take-over, so a message whose smtpd session (connect, TLS line) lies in an
// earlier range still gets its TLS, and its size comes from a qmgr line in the same or a later one.
// 300 messages, each received 40 messages after its session began: counted by hand below.
TEST(Threads, PostfixSessionsAndSizesFromEarlierRanges) {
  std::string log;
  int second = 0;
  auto line = [&](const std::string& program, int pid, const std::string& rest) {
    char stamp[40];
    std::snprintf(stamp, sizeof stamp, "Nov 20 %02d:%02d:%02d mx1 ", 8 + second / 3600, second / 60 % 60, second % 60);
    ++second;
    log += stamp + program + "[" + std::to_string(pid) + "]: " + rest + "\n";
  };
  auto queue_id = [](int m) {
    char text[16];
    std::snprintf(text, sizeof text, "4F1C%06X", m);
    return std::string(text);
  };
  const int messages = 300, lag = 40;
  for (int s = 0; s < messages + lag; ++s) {
    if (s < messages) {
      line("postfix/smtpd", 2000 + s, "connect from c" + std::to_string(s) + ".example[203.0.113.9]");
      if (s % 3)
        line("postfix/smtpd", 2000 + s, "Anonymous TLS connection established from c" + std::to_string(s) +
                                            ".example[203.0.113.9]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
    }
    if (s == 100) {
      line("postfix/submission/smtpd", 4000, "5B0000000A: client=pc1[192.0.2.44], sasl_method=PLAIN, sasl_username=megan");
      line("postfix/smtpd", 4001, "5B0000000B: client=localhost[127.0.0.1]");
    }
    if (s == 150) {
      log += "garbage that is no syslog line\n";
      log += "-- Reboot --\n";
    }
    const int m = s - lag;
    if (m < 0 || m >= messages) continue;
    const std::string id = queue_id(m);
    line("postfix/smtpd", 2000 + m, id + ": client=c" + std::to_string(m) + ".example[203.0.113.9]");
    line("postfix/qmgr", 1200, id + ": from=<s@sender.example>, size=" + std::to_string(1000 + m) + ", nrcpt=1 (queue active)");
    if (m % 4)
      line("postfix/smtp", 3000 + m, "Trusted TLS connection established to mx.dest.example[198.51.100.1]:25: TLSv1.2 "
                                     "with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)");
    for (int recipient = 0; recipient < (m % 10 ? 1 : 2); ++recipient)
      line("postfix/smtp", 3000 + m, id + ": to=<r" + std::to_string(recipient) +
                                         "@dest.example>, relay=mx.dest.example[198.51.100.1]:25, delay=1, dsn=2.0.0, "
                                         "status=sent (250 OK)");
    line("postfix/smtpd", 2000 + m, "disconnect from c" + std::to_string(m) + ".example[203.0.113.9]");
    line("postfix/qmgr", 1200, id + ": removed");
  }

  const test::ReadResult one = test::read_text(log, {997, 0}, test::syslog_year_2026());
  EXPECT_EQ(test::count(one.aggregate, Direction::Inbound, {}, TlsVersion::Tls13), 200u);  // sessions with s % 3
  EXPECT_EQ(test::count(one.aggregate, Direction::Inbound, {}, TlsVersion::None), 100u);
  EXPECT_EQ(test::total_bytes(one.aggregate, Direction::Inbound), 300u * 1000 + 299 * 300 / 2);
  EXPECT_EQ(test::count(one.aggregate, Direction::Outbound, {}, TlsVersion::Tls12), 225u);  // m % 4
  EXPECT_EQ(test::count(one.aggregate, Direction::Outbound, {}, TlsVersion::None), 75u);
  EXPECT_EQ(test::total_bytes(one.aggregate, Direction::Outbound), 300u * 1000 + 299 * 300 / 2);
  EXPECT_EQ(test::skipped_for(one.report, "further recipient of a delivery already counted"), 30u);
  ASSERT_EQ(one.report.problems.size(), 1u);
  // After the sessions of s = 0-150 (151 lines, and 100 TLS lines: s % 3), the two of s == 100, and
  // messages 0-109 (4 lines each, 82 TLS lines: m % 4, 110 + 11 recipients).
  EXPECT_EQ(one.report.problems[0].line, 151u + 100 + 2 + 110 * 4 + 82 + 121 + 1);
  expect_same_in_ranges(log, one, test::syslog_year_2026());
}

// Reasons of one kind listed as one (SourceReport::kMaxValuesPerReason) when the kind's values
// are spread over ranges, each below the bound: the same list as one thread.
TEST(Threads, ReasonsOfAKindSpreadOverRanges) {
  std::string csv = "timestamp,direction,connector,tls_version,bytes,message_id\n";
  for (int i = 0; i < 400; ++i)
    csv += "2026-11-20T08:15:02Z,inbound,A,1.2," + std::string(i % 4 ? "5" : "n" + std::to_string(i)) + ",<m" +
           std::to_string(i) + ">\n";
  const Files files = {{"sizes.csv", csv}};
  const std::string one = aggregate_json(files, 1, {65536, 0});
  EXPECT_NE(one.find("size \\\"...\\\" is not a whole number of bytes"), std::string::npos) << one.substr(0, 2000);
  for (unsigned threads : {3u, 8u}) EXPECT_EQ(aggregate_json(files, threads, {65536, 0}, 1000), one);
}

// A replayed batch interns a connector only where one thread would: a second row of an open
// message names connector X (one thread keeps the first row's, interning nothing), then a new
// message takes the last of the 4,096 connector names (Y), and X, met again, is past the bound.
// Interning X when its batch was replayed would have given X that last name instead of Y.
TEST(Threads, ConnectorNamesInternedWhereOneThreadWould) {
  std::string csv = "timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n";
  const std::string row = "2026-11-20T08:15:02Z,inbound,";
  for (size_t i = 0; i + 3 < Aggregate::kMaxConnectors; ++i)  // two ids are fixed (unknown, none)
    csv += row + "C" + std::to_string(i) + ",1.2,5,<c" + std::to_string(i) + ">,mx.example.com\n";
  csv += row + "C0,1.2,5,<open>,\n";  // no remote side yet: the message stays open
  csv += row + "X,1.2,5,<open>,mx.example.com\n";
  csv += row + "Y,1.2,5,<y>,mx.example.com\n";
  csv += row + "X,1.2,5,<x>,mx.example.com\n";
  const Files files = {{"connectors.csv", csv}};
  const std::string one = aggregate_json(files, 1, {0, 0});
  EXPECT_NE(one.find("\"connector\": \"Y\""), std::string::npos);
  EXPECT_EQ(one.find("\"connector\": \"X\""), std::string::npos);
  EXPECT_NE(one.find("\"connector\": \"(other connectors)\""), std::string::npos);
  expect_same_answer(files);
}

// A file whose reading is cancelled half way keeps what it counted, the same with threads.
// A UTF-16 file long enough for a parse thread is decoded on the counting thread (ingest/source.h):
// a surrogate pair, a lone surrogate and an odd last byte, at every chunk cut, as with one thread.
TEST(Threads, Utf16DecodedWhereItIsReadWhateverTheCuts) {
  auto utf16le = [](std::u16string_view units) {
    std::string out;
    for (char16_t u : units) out += {static_cast<char>(u & 0xFF), static_cast<char>(u >> 8)};
    return out;
  };
  std::string file = test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/exo-extended-report.csv");
  for (int i = 0; file.size() < kLongInput; ++i) {
    std::u16string row = u"\"2026-11-13T13:48:50.517Z\",\"203.0.113.88\",\"bulk.wingtiptoys.com\",\"\",\"MBX02\",\"\",\"\",\"SMTP\","
                         u"\"RECEIVE\",\"1\",\"<u16-";
    for (char c : std::to_string(i)) row += static_cast<char16_t>(c);
    row += u"@wingtiptoys.com>\",\"\",\"lynne@contoso.com\",\"\",\"2113\",\"1\",\"\",\"\",\"smile ";
    row += u"\U0001F600";  // a surrogate pair
    row += static_cast<char16_t>(0xD800);  // a lone high surrogate
    row += u" and on\",\"news@wingtiptoys.com\",\"\",\"\",\"Incoming\",\"t\",\"203.0.113.88\",\"\",\"S:tlsversion=TLS1_2\"\r\n";
    file += utf16le(row);
  }
  file += '\x41';  // an odd byte count: the file was cut mid-character
  expect_same_answer({{"extended-utf16.csv", file}});
  const std::string one = aggregate_json({{"extended-utf16.csv", file}}, 1, test::Cutting{0, 0});
  EXPECT_NE(one.find("invalid UTF-16 code units"), std::string::npos);
}

// A mailflow CSV whose records hold line breaks inside quotes (so some cuts fall inside a record
// and are refused), rows without a message id dated by slash dates whose order only a later row
// proves (counted at the file's end from the ranges' pending cells), and bad sizes (problems with
// their line numbers): in page ranges as with one thread, UTF-8 and UTF-16, and both taken over
// and refused ranges.
TEST(Threads, PageRangesTakenOverOrReadAgain) {
  std::string csv = "timestamp,direction,connector,tls_version,bytes,message_id,remote_host,status\n";
  for (int i = 0; i < 3000; ++i) {
    const int day = 1 + i % 12, hour = i % 24;
    std::string stamp = i % 5 == 0 ? "0" + std::to_string(day % 9 + 1) + "/0" + std::to_string(day % 7 + 1) +
                                         "/2026 " + std::to_string(10 + hour % 10) + ":00:00"
                                   : "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T" +
                                         std::string(hour < 10 ? "0" : "") + std::to_string(hour) + ":15:00Z";
    if (i == 2900) stamp = "25/12/2026 10:00:00";  // proves day first, late in the file
    csv += stamp + (i % 2 ? ",inbound," : ",outbound,") + "Connector " + std::to_string(i % 4) + "," +
           (i % 3 ? "1.2" : "1.3") + "," + (i % 97 == 0 ? "x" + std::to_string(i) : std::to_string(1000 + i)) + "," +
           (i % 5 == 0 ? "" : "<m" + std::to_string(i % 2000) + "@example.com>") + ",mx" + std::to_string(i % 30) +
           ".example.net," + (i % 7 == 0 ? "\"delivered\nafter \"\"retry\"\"\n\"" : "delivered") + "\n";
  }
  std::string utf16 = "\xFF\xFE";
  for (const char c : csv) utf16 += std::string{c, '\0'};
  for (const auto& file : {Files{{"page.csv", csv}}, Files{{"page-utf16.csv", utf16}}}) {
    SCOPED_TRACE(file[0].first);
    test::PageRangeCounts counts;
    for (const test::Cutting cutting : {test::Cutting{4093, 0}, test::Cutting{70001, 11}}) {
      const std::string one = aggregate_json(file, 1, cutting);
      ASSERT_NE(one.find("\"first_day\": \"2026-01-08\""), std::string::npos) << "the slash dates read day first";
      for (const size_t range_bytes : {size_t{2048}, size_t{4099}, size_t{65536}})
        EXPECT_TRUE(same_json(aggregate_json_in_page_ranges(file, cutting, range_bytes, &counts), one))
            << "ranges of " << range_bytes << ", chunks of " << cutting.fixed;
    }
    EXPECT_GT(counts.taken, 100u);
    EXPECT_GT(counts.refused, 10u);
  }
}

TEST(Threads, CancelledFile) {
  const std::string csv = long_version(test::read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/mailflow.csv"));
  auto run = [&](unsigned threads, size_t range_bytes = 0) {
    SessionOptions options;
    options.threads = threads;
    if (range_bytes) options.range_bytes = range_bytes;
    Session session(options);
    const auto first = session.add_source("first.csv");
    for (size_t pos = 0; pos < csv.size() / 2; pos += 4093)
      session.feed(first, reinterpret_cast<const uint8_t*>(csv.data()) + pos, std::min<size_t>(4093, csv.size() / 2 - pos));
    session.cancel(first);
    const auto second = session.add_source("second.csv");
    session.feed(second, reinterpret_cast<const uint8_t*>(csv.data()), csv.size());
    session.finish(second);
    return aggregate_to_json(session.aggregate(), JsonWriteOptions{.indent = 1});
  };
  const std::string one = run(1);
  EXPECT_NE(one.find("cancelled"), std::string::npos);
  EXPECT_EQ(run(2), one);
  EXPECT_EQ(run(8), one);
  EXPECT_EQ(run(3, 4001), one) << "in ranges";
}

}  // namespace
}  // namespace mailflow

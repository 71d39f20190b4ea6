// The profile switch (asyncio/profile.hpp): which CPython version a loop
// reproduces, chosen per loop at run time. What each rule changes is shown by
// the spec's version-scoped scenarios, run through the conformance runner
// with --profile 3.11|3.12|3.13|3.14 (`./asyncspec check --impl-command
// "asyncspec-runner-reference --profile 3.X" --profile 3.X`); these tests
// pin the switch itself and the versions each named rule holds for.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

namespace {

using asyncio::Profile;

std::vector<Profile> all_profiles() {
    std::vector<Profile> out;
    for (auto name : Profile::names) out.push_back(*Profile::parse(name));
    return out;
}

// The versions (minor numbers) for which `rule` holds.
template <class Rule>
std::vector<int> holds_for(Rule rule) {
    std::vector<int> out;
    for (Profile p : all_profiles())
        if ((p.*rule)()) out.push_back(p.minor());
    return out;
}

TEST(Profiles, ParseAndName) {
    for (auto name : Profile::names) {
        auto p = Profile::parse(name);
        ASSERT_TRUE(p) << name;
        EXPECT_EQ(p->name(), name);
    }
    EXPECT_FALSE(Profile::parse("3.10"));
    EXPECT_FALSE(Profile::parse("3.15"));
    EXPECT_FALSE(Profile::parse("313"));
    EXPECT_EQ(Profile().name(), "3.14");
}

TEST(Profiles, EachLoopCarriesItsOwn) {
    asyncio::EventLoop default_loop(asyncio::Clock::virtual_);
    EXPECT_EQ(default_loop.profile(), Profile(Profile::Version::py314));
    asyncio::EventLoop old_loop(asyncio::Clock::virtual_, Profile(Profile::Version::py311));
    EXPECT_EQ(old_loop.profile().name(), "3.11");
    EXPECT_EQ(default_loop.profile().name(), "3.14");
    old_loop.set_profile(Profile(Profile::Version::py313));
    EXPECT_EQ(old_loop.profile().name(), "3.13");
}

TEST(Profiles, RulesHoldForTheirVersions) {
    const std::vector<int> from12{12, 13, 14}, from13{13, 14}, from14{14};
    EXPECT_EQ(holds_for(&Profile::uncancel_withdraws_pending_cancel), from13);
    EXPECT_EQ(holds_for(&Profile::create_task_passes_name), from13);
    EXPECT_EQ(holds_for(&Profile::sleep_rejects_nan), from13);
    EXPECT_EQ(holds_for(&Profile::set_exception_wraps_stop_iteration), from13);
    EXPECT_EQ(holds_for(&Profile::task_factory_takes_name), from14);
    EXPECT_EQ(holds_for(&Profile::factory_names_unnamed_task_none), std::vector<int>{13});
    EXPECT_EQ(holds_for(&Profile::gather_completes_done_inputs_at_once), from12);
    EXPECT_EQ(holds_for(&Profile::as_completed_wraps_at_call), from13);
    EXPECT_EQ(holds_for(&Profile::wait_for_is_timeout), from12);
    EXPECT_EQ(holds_for(&Profile::timeout_inserts_timeout_error), from13);
    EXPECT_EQ(holds_for(&Profile::taskgroup_uncancels_after_children), from13);
    EXPECT_EQ(holds_for(&Profile::taskgroup_closes_refused_coroutine), from13);
    EXPECT_EQ(holds_for(&Profile::taskgroup_defers_done_child), from14);
    EXPECT_EQ(holds_for(&Profile::condition_reraises_reacquire_cancel), from13);
    EXPECT_EQ(holds_for(&Profile::condition_wait_error_notifies_next), from13);
    EXPECT_EQ(holds_for(&Profile::semaphore_wakes_all_allowed), from13);
}

// One rule end to end through the C++ API (the scenarios show the others):
// cancel.uncancel.pending-cancel, Profile::uncancel_withdraws_pending_cancel.
asyncio::Coro<std::string> child() { co_return "ran"; }

asyncio::Coro<std::string> cancel_uncancel_await() {
    auto t = asyncio::create_task(child());
    t.cancel();
    t.uncancel();
    try {
        co_return co_await t;
    } catch (const asyncio::CancelledError&) {
    }
    co_return "cancelled";
}

std::string cancel_then_uncancel(Profile profile) {
    asyncio::EventLoop loop(asyncio::Clock::virtual_, profile);
    return asyncio::run_until_complete(loop, cancel_uncancel_await());
}

TEST(Profiles, UncancelBeforeStart) {
    EXPECT_EQ(cancel_then_uncancel(Profile(Profile::Version::py312)), "cancelled");
    EXPECT_EQ(cancel_then_uncancel(Profile(Profile::Version::py313)), "ran");
}

// as_completed.inputs.wrapping-time through the C++ API (the interpreter
// defers by itself: as_completed_is_generator), Profile::as_completed_wraps_at_call.
asyncio::Coro<int> job(std::vector<std::string>& log) {
    log.push_back("start");
    co_return 1;
}

asyncio::Coro<std::vector<std::string>> as_completed_log() {
    std::vector<std::string> log;
    std::vector<asyncio::Coro<int>> inputs;
    inputs.push_back(job(log));
    auto it = asyncio::as_completed(std::move(inputs));
    co_await asyncio::sleep(0);
    log.push_back("iterating");
    for (asyncio::Coro<int> next : it) log.push_back(std::to_string(co_await std::move(next)));
    co_return log;
}

std::vector<std::string> as_completed_under(Profile profile) {
    asyncio::EventLoop loop(asyncio::Clock::virtual_, profile);
    return asyncio::run_until_complete(loop, as_completed_log());
}

TEST(Profiles, AsCompletedWrapsCoroutines) {
    EXPECT_EQ(as_completed_under(Profile(Profile::Version::py312)),
              (std::vector<std::string>{"iterating", "start", "1"}));
    EXPECT_EQ(as_completed_under(Profile(Profile::Version::py313)),
              (std::vector<std::string>{"start", "iterating", "1"}));
}

}  // namespace

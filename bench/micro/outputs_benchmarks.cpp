// SPDX-License-Identifier: Apache-2.0
// The queue handoff: what a message costs between the reader thread's push and the worker's
// channel call, without any sink cost (a channel that only counts).
#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <thread>

#include "falco_ref/outputs.hpp"
#include "falco_ref/outputs_queue.hpp"
#include "micro_alerts.hpp"
#include "micro_registry.hpp"

namespace falco_bench {
namespace {

class counting_channel final : public falco_ref::channel {
public:
    explicit counting_channel(std::atomic<std::uint64_t>& count) : count_(count) {}
    std::string_view name() const override { return "count"; }
    falco_ref::channel_outcome deliver(const falco_ref::output_message&) override {
        count_.fetch_add(1, std::memory_order_release);
        return falco_ref::channel_outcome::done();
    }

private:
    std::atomic<std::uint64_t>& count_;
};

// Producer pushes a batch, then waits until the worker delivered all of it: the figure is
// the sustained push -> deliver rate across two threads, wake-ups included. `streamed`: the
// reader's way, push_streamed (handed over 64 at a time) and a flush at the end of the batch.
void bm_outputs_handoff(benchmark::State& state, bool streamed) {
    const auto messages = formatted_messages(std::size_t(state.range(0)), false);
    const std::uint64_t batch = std::uint64_t(state.range(1));
    std::atomic<std::uint64_t> delivered{0};
    std::vector<std::unique_ptr<falco_ref::channel>> channels;
    channels.push_back(std::make_unique<counting_channel>(delivered));
    falco_ref::outputs out(std::move(channels), falco_ref::outputs_settings{});
    std::uint64_t pushed = 0;
    std::size_t bytes = 0;
    for (auto _ : state) {
        for (std::uint64_t k = 0; k < batch; ++k) {
            const auto& msg = messages[pushed++ % messages.size()];
            bytes += msg.line.size();
            if (streamed) {
                out.push_streamed(msg);
            } else {
                out.push(msg);
            }
        }
        if (streamed) {
            out.flush_streamed();
        }
        while (delivered.load(std::memory_order_acquire) < pushed) {
            std::this_thread::yield();
        }
    }
    out.stop();
    state.SetItemsProcessed(std::int64_t(pushed));
    state.SetBytesProcessed(std::int64_t(bytes));
    state.SetLabel("fields~" + std::to_string(state.range(0)) + "B batch " + std::to_string(batch) +
                   (streamed ? " streamed" : ""));
}

// The FIFO alone, one thread: try_push then pop (lock, deque, condition variable).
void bm_queue_push_pop(benchmark::State& state) {
    const auto messages = formatted_messages(std::size_t(state.range(0)), false);
    falco_ref::outputs_queue queue(0);
    std::size_t i = 0;
    for (auto _ : state) {
        falco_ref::outputs_item item;
        item.msg = messages[i++ % messages.size()];
        queue.try_push(std::move(item));
        falco_ref::outputs_item got = queue.pop();
        benchmark::DoNotOptimize(got.msg.line.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("fields~" + std::to_string(state.range(0)) + "B");
}

}  // namespace

void register_outputs_benchmarks() {
    auto* handoff = benchmark::RegisterBenchmark(
        "outputs/handoff", [](benchmark::State& s) { bm_outputs_handoff(s, false); });
    auto* streamed = benchmark::RegisterBenchmark(
        "outputs/handoff_streamed", [](benchmark::State& s) { bm_outputs_handoff(s, true); });
    for (auto* b : {handoff, streamed}) {
        for (long s : field_sizes()) {
            b->Args({s, 1})->Args({s, 256});
        }
        b->UseRealTime();
    }
    auto* queue = benchmark::RegisterBenchmark("outputs/queue_push_pop", bm_queue_push_pop);
    for (long s : field_sizes()) {
        queue->Arg(s);
    }
}

}  // namespace falco_bench

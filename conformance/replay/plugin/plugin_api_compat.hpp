// SPDX-License-Identifier: Apache-2.0
// What the replay plugin does differently under plugin API 2 (libs 0.10, Falco 0.33 and 0.34)
// and API 3 (libs 0.11 on, Falco 0.35 on), chosen by the plugin_api.h it is compiled against:
// how an event of next_batch is laid out, where extract_fields finds its payload, and how a
// boolean field is declared and returned. Everything else the plugin does is the same.
//
// API 2 (libs@0.10.4:userspace/plugin/plugin_types.h): an event is {evtnum, data, datalen, ts}
// with the payload apart, next_batch returns an array of such structs, init() gets the config
// string, extract_fields() gets the event and the field array, and field types are `string`
// and `uint64` only (libs@0.10.4:userspace/libsinsp/plugin.cpp:332-339).
// API 3 (libs@0.11.3:userspace/plugin/plugin_types.h, plugin_api.h): an event is a whole
// PPME_PLUGINEVENT_E (header, two parameter lengths, the plugin id, the payload), next_batch
// returns an array of pointers, init() and extract_fields() take input structs, and `bool`
// fields exist.
#pragma once

#include <plugin_api.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if PLUGIN_API_VERSION_MAJOR >= 3
#define FALCO_REPLAY_PLUGIN_API_3 1
#endif

// Plugin API 3 headers before libs 0.22 (Falco 0.41 and older) do not name it; the event layout
// is the same in every 3.x API: the 26-byte header, two u32 parameter lengths and the u32 plugin
// id (libs@0.22.2:userspace/plugin/plugin_api.h:49-56).
#if defined(FALCO_REPLAY_PLUGIN_API_3) && !defined(PLUGIN_EVENT_PAYLOAD_OFFSET)
#define PLUGIN_EVENT_PAYLOAD_OFFSET 38
#endif

namespace replay_api {

#ifdef FALCO_REPLAY_PLUGIN_API_3
using init_input = const ss_plugin_init_input*;
using batch_out = ss_plugin_event**;  // next_batch's `evts` points to one of these
#else
using init_input = const char*;
using batch_out = ss_plugin_event*;
#endif

// The field type a plugin declares in get_fields for a replayed value of `type` ("string",
// "uint64", "bool"): API 2 has no boolean fields, so a boolean is the string `true`/`false`,
// which is also how libsinsp writes a boolean field in text.
inline std::string declared_type(const std::string& type) {
#ifdef FALCO_REPLAY_PLUGIN_API_3
    return type;
#else
    return type == "bool" ? "string" : type;
#endif
}

// The events of one next_batch, kept until the next call, in the API's layout.
class event_batch {
public:
    void clear() {
        buffers_.clear();
        published_.clear();
#ifndef FALCO_REPLAY_PLUGIN_API_3
        timestamps_.clear();
#endif
    }
    bool empty() const { return buffers_.empty(); }
    std::size_t size() const { return buffers_.size(); }

    void add(uint64_t ts, const std::string& payload) {
#ifdef FALCO_REPLAY_PLUGIN_API_3
        const uint32_t total = static_cast<uint32_t>(PLUGIN_EVENT_PAYLOAD_OFFSET + payload.size());
        std::vector<uint8_t> buf(total);
        ss_plugin_event hdr{};
        hdr.ts = ts;
        hdr.tid = UINT64_MAX;
        hdr.len = total;
        hdr.type = 322;  // PPME_PLUGINEVENT_E: param 1 plugin id (u32), param 2 data (bytebuf)
        hdr.nparams = 2;
        std::memcpy(buf.data(), &hdr, sizeof hdr);
        uint8_t* p = buf.data() + sizeof hdr;
        const uint32_t lens[2] = {sizeof(uint32_t), static_cast<uint32_t>(payload.size())};
        std::memcpy(p, lens, sizeof lens);
        p += sizeof lens;
        const uint32_t id = 0;  // the framework sets our id
        std::memcpy(p, &id, sizeof id);
        std::memcpy(p + sizeof id, payload.data(), payload.size());
        buffers_.push_back(std::move(buf));
#else
        buffers_.emplace_back(payload.begin(), payload.end());
        timestamps_.push_back(ts);
#endif
    }

    // What next_batch hands to Falco; valid until the next clear().
    batch_out publish() {
        published_.clear();
        for (std::size_t i = 0; i < buffers_.size(); ++i) {
#ifdef FALCO_REPLAY_PLUGIN_API_3
            published_.push_back(reinterpret_cast<ss_plugin_event*>(buffers_[i].data()));
#else
            ss_plugin_event e{};
            e.data = buffers_[i].data();
            e.datalen = static_cast<uint32_t>(buffers_[i].size());
            e.ts = timestamps_[i];
            published_.push_back(e);
#endif
        }
        return published_.data();
    }

private:
    std::vector<std::vector<uint8_t>> buffers_;
#ifdef FALCO_REPLAY_PLUGIN_API_3
    std::vector<ss_plugin_event*> published_;
#else
    std::vector<uint64_t> timestamps_;
    std::vector<ss_plugin_event> published_;
#endif
};

#ifdef FALCO_REPLAY_PLUGIN_API_3
// The payload an event of event_batch::add carries, as extract_fields receives the event.
inline std::string_view payload_of(const ss_plugin_event* evt) {
    const auto* base = reinterpret_cast<const char*>(evt);
    return {base + PLUGIN_EVENT_PAYLOAD_OFFSET, evt->len - PLUGIN_EVENT_PAYLOAD_OFFSET};
}
#else
inline std::string_view payload_of(const ss_plugin_event* evt) {
    return {reinterpret_cast<const char*>(evt->data), evt->datalen};
}
#endif

// Values returned by one extract_fields call; they must outlive the call.
class field_results {
public:
    void reset(uint32_t n) {
        strings_.assign(n, {});
        string_ptrs_.assign(n, nullptr);
        u64s_.assign(n, 0);
#ifdef FALCO_REPLAY_PLUGIN_API_3
        bools_.assign(n, 0);
#endif
    }
    void set_string(ss_plugin_extract_field& f, uint32_t i, std::string value) {
        strings_[i] = std::move(value);
        string_ptrs_[i] = strings_[i].c_str();
        f.res.str = &string_ptrs_[i];
        f.res_len = 1;
    }
    void set_u64(ss_plugin_extract_field& f, uint32_t i, uint64_t value) {
        u64s_[i] = value;
        f.res.u64 = &u64s_[i];
        f.res_len = 1;
    }
    void set_bool(ss_plugin_extract_field& f, uint32_t i, bool value) {
#ifdef FALCO_REPLAY_PLUGIN_API_3
        bools_[i] = value ? 1 : 0;
        f.res.boolean = &bools_[i];
        f.res_len = 1;
#else
        set_string(f, i, value ? "true" : "false");  // declared_type("bool")
#endif
    }

private:
    std::vector<std::string> strings_;
    std::vector<const char*> string_ptrs_;
    std::vector<uint64_t> u64s_;
#ifdef FALCO_REPLAY_PLUGIN_API_3
    std::vector<ss_plugin_bool> bools_;
#endif
};

}  // namespace replay_api

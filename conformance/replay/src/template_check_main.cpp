// SPDX-License-Identifier: Apache-2.0
// falco-replay-template-check GOLDEN_DIR: every alert of every golden/**/alerts.jsonl that carries
// an `output_template` must render, with its own `output_fields`, to exactly its `message`
// (docs/REAL-FALCO.md "Rendering rules"). Prints each offending alert as file:line and exits 1
// if there is one; golden files are data owned by their authors, so this only reports.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <variant>
#include <vector>

#include "alert_reader.hpp"
#include "output_template.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: falco-replay-template-check GOLDEN_DIR\n";
        return 2;
    }
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(argv[1], ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().filename() == "alerts.jsonl") {
            files.push_back(it->path());
        }
    }
    if (ec || files.empty()) {
        std::cerr << "falco-replay-template-check: no alerts.jsonl under " << argv[1] << '\n';
        return 2;
    }
    std::sort(files.begin(), files.end());
    std::size_t checked = 0, without_template = 0, bad = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            auto parsed = replay::alert_reader::read(line);
            const auto* alert = std::get_if<replay::replay_alert>(&parsed);
            if (!alert) {
                continue;  // blank or deliberately malformed input lines
            }
            if (!alert->output_template) {
                ++without_template;
                continue;
            }
            ++checked;
            std::string why;
            try {
                const auto t = replay::output_template::parse(*alert->output_template);
                const auto text = t.render([&](const std::string& k) { return alert->field(k); });
                if (text != alert->message) {
                    why = "renders \"" + text + "\" but message is \"" + alert->message + "\"";
                }
            } catch (const std::invalid_argument& e) {
                why = e.what();
            }
            if (!why.empty()) {
                ++bad;
                std::cout << file.string() << ":" << n << ": " << why << '\n';
            }
        }
    }
    std::cout << files.size() << " files, " << checked << " alerts with a template checked, " << bad
              << " wrong, " << without_template << " without a template\n";
    return bad ? 1 : 0;
}

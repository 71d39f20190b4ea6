// A deliberately broken adapter: Task.cancel(msg) forgets the message, so the
// CancelledError a cancelled task raises has no args (clause cancel.message).
#pragma once

#include <optional>
#include <string>

#include "reference_adapter.hpp"

namespace example {

struct BrokenAdapter : asyncspec::ReferenceAdapter {
    using asyncspec::ReferenceAdapter::cancel;
    bool cancel(const task_type& t, std::optional<std::string>) { return t.cancel(std::nullopt); }
};

}  // namespace example

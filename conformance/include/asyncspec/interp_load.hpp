// The interpreter's loading of an IR document (spec/IR.md "Document"): the
// checks made before anything runs (JSON nesting, the class, function and
// global tables, parameters' slots and defaults), the helpers that read
// checked fields (field, int_in, line_of, slot_of), and constant values.
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

// A malformed document ends in IRError before anything runs: its nesting
// (recursion over it stays shallow), and the tables read once and then
// trusted (classes, functions and their parameters, globals). Nodes are
// checked where they run: a missing or mistyped field there is a JSON
// exception, reported as malformed IR.
template <Adapter A>
void Interpreter<A>::check_depth(const json& doc) {
    if (json_deeper_than(doc, kMaxIRDepth))
        throw IRError("IR nested deeper than " + std::to_string(kMaxIRDepth) + " levels");
}

template <Adapter A>
const json& Interpreter<A>::field(const json& obj, const char* key, json::value_t type, const std::string& where) {
    if (!obj.is_object()) throw IRError(where + " is not a JSON object");
    auto it = obj.find(key);
    if (it == obj.end()) throw IRError(where + " has no " + key);
    bool ok = type == json::value_t::number_integer ? it->is_number_integer() : it->type() == type;
    if (!ok) throw IRError(where + ": " + key + " has the wrong type (" + it->type_name() + ")");
    return *it;
}

// A JSON integer within [lo, hi] (nlohmann's get<> of a float or an
// out-of-range number is undefined behaviour).
template <Adapter A>
std::int64_t Interpreter<A>::int_in(const json& j, std::int64_t lo, std::int64_t hi, const std::string& what) {
    if (!j.is_number_integer() || (j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(hi)) ||
        j.get<std::int64_t>() < lo || j.get<std::int64_t>() > hi)
        throw IRError(what + " must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi) + ", not " +
                      j.dump());
    return j.get<std::int64_t>();
}

// The optional `line` of a node (0: none).
template <Adapter A>
int Interpreter<A>::line_of(const json& node) {
    auto it = node.find("line");
    if (it == node.end() || !it->is_number_integer() || it->is_number_unsigned()) return 0;
    std::int64_t l = it->get<std::int64_t>();
    return l > 0 && l <= std::numeric_limits<int>::max() ? static_cast<int>(l) : 0;
}

// Slot `node.slot` of the frame (IRError when out of range).
template <Adapter A>
Value& Interpreter<A>::slot_of(Frame& fr, const json& node) {
    return fr.slots[static_cast<std::size_t>(
        int_in(node.at("slot"), 0, static_cast<std::int64_t>(fr.slots.size()) - 1, "local slot"))];
}

template <Adapter A>
void Interpreter<A>::load() {
    if (!ir_.is_object()) throw IRError("the IR document is not a JSON object");
    auto version = ir_.find("ir_version");
    if (version == ir_.end() || !version->is_number_integer() || *version < 1 || *version > kIRVersion)
        throw IRError("unsupported ir_version " + (version == ir_.end() ? std::string("(missing)") : version->dump()));
    check_depth(ir_);
    const json& classes = field(ir_, "classes", json::value_t::array, "the IR document");
    if (classes.size() > kMaxClasses) throw IRError("more than " + std::to_string(kMaxClasses) + " exception classes");
    classes_.load(classes);
    for (const auto& f : field(ir_, "functions", json::value_t::array, "the IR document")) {
        const std::string where = "function " + f.value("name", std::string("?"));
        const std::string& name = field(f, "name", json::value_t::string, where).get_ref<const std::string&>();
        field(f, "is_async", json::value_t::boolean, where);
        field(f, "body", json::value_t::array, where);
        std::int64_t nlocals =
            int_in(field(f, "nlocals", json::value_t::number_integer, where), 0, kMaxLocals, where + ": nlocals");
        for (const auto& p : field(f, "params", json::value_t::array, where)) {
            field(p, "name", json::value_t::string, where + ": a parameter");
            int_in(field(p, "slot", json::value_t::number_integer, where + ": a parameter"), 0, nlocals - 1,
                   where + ": a parameter's slot");
            if (p.contains("default")) const_value(p.at("default"));
        }
        for (const char* key : {"cells", "freevars"})
            if (f.contains(key))
                for (const auto& s : field(f, key, json::value_t::array, where))
                    int_in(s, 0, nlocals - 1, where + ": " + key);
        functions_[name] = &f;
    }
    ClassesExt<Interpreter>::load(*this);
    for (const auto& g : field(ir_, "globals", json::value_t::array, "the IR document"))
        globals_[field(g, "name", json::value_t::string, "a global").get<std::string>()] = const_eval(g.at("value"));
    if (ir_.contains("main")) field(ir_, "main", json::value_t::string, "the IR document");
}

template <Adapter A>
Value Interpreter<A>::const_value(const json& e) {
    const std::string& type = e.at("type").get_ref<const std::string&>();
    const json& v = e.at("value");
    if (type == "none") return Value();
    if (type == "bool") return Value(v.get<bool>());
    if (type == "int")
        return Value(int_in(v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                            "an int constant"));
    if (type == "float") {
        if (!v.is_number()) throw IRError("a float constant must be a number, not " + v.dump());
        return Value(v.get<double>());
    }
    if (type == "str") return Value(v.get<std::string>());
    throw IRError("bad const type " + type);
}

template <Adapter A>
Value Interpreter<A>::const_eval(const json& e) {  // recursion: as deep as the document (check_depth)
    const std::string& op = e.at("op").get_ref<const std::string&>();
    if (op == "const") return const_value(e);
    if (op == "dict" || op == "set") {  // no frame: a failure here is the document's (unhashable key)
        Value out = op == "dict" ? ContainersExt<Interpreter>::new_dict() : ContainersExt<Interpreter>::new_set();
        Frame none;
        const json& keys = e.at(op == "dict" ? "keys" : "items");
        for (std::size_t i = 0; i < keys.size(); ++i) {
            Value k = const_eval(keys[i]);
            if (k.is_list() || k.is(Kind::dict) || k.is(Kind::set)) throw IRError("unhashable key in a global");
            if (op == "dict")
                ContainersExt<Interpreter>::dict_set(*this, *out.template as<DictObj>(), std::move(k),
                                                     const_eval(e.at("values").at(i)), none);
            else
                ContainersExt<Interpreter>::set_add(*this, *out.template as<SetObj>(), std::move(k), none);
        }
        return out;
    }
    std::vector<Value> items;
    for (const auto& x : e.at("items")) items.push_back(const_eval(x));
    if (op == "list") return make_list(std::move(items));
    if (op == "tuple") return make_tuple(std::move(items));
    throw IRError("bad global initialiser " + op);
}

}  // namespace asyncspec

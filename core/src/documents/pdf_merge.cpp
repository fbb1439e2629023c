#include "kingkung/documents/pdf_merge.hpp"

#include <deque>
#include <map>

#include "documents/pdf_parser.hpp"

namespace kingkung::documents {

using namespace detail;
using plugin::errc;
using plugin::make_error;

namespace {

constexpr long tree_root = 2;  // object 1 is the catalog, 2 the new page tree

// Replaces every reference in `v` by its number in the merged file, giving unseen objects new numbers
// and queueing them to be copied.
void renumber(pdf_value& v, std::map<long, long>& numbers, std::deque<long>& queue, long& next) {
  if (auto* r = v.as<pdf_ref>()) {
    auto it = numbers.find(r->num);
    if (it == numbers.end()) {
      it = numbers.emplace(r->num, next++).first;
      queue.push_back(r->num);
    }
    *r = pdf_ref{it->second, 0};
  } else if (auto* a = v.as<pdf_array>()) {
    for (auto& item : a->items) renumber(item, numbers, queue, next);
  } else if (auto* d = v.as<pdf_dict>()) {
    for (auto& [key, item] : d->entries) renumber(item, numbers, queue, next);
  }
}

}  // namespace

plugin::result<std::string> merge_pdfs(const std::vector<pdf_input>& inputs) {
  if (inputs.empty())
    return make_error(errc::invalid_argument, "there is nothing to merge: no documents were given");
  std::vector<std::optional<pdf_object>> objects(2);
  pdf_array kids;
  long next = 3;
  for (const auto& input : inputs) {
    auto failed = [&](const plugin::error& e) {
      return make_error(errc::invalid_argument, input.name + " cannot be merged: " + e.message);
    };
    auto file = pdf_file::open(input.bytes);
    if (!file) return failed(file.err());
    auto pages = file->pages();
    if (!pages) return failed(pages.err());
    std::map<long, long> numbers;
    for (long node : file->tree_nodes()) numbers[node] = tree_root;
    for (const auto& p : *pages) numbers[p.num] = next++;  // first, so links between pages resolve
    std::deque<long> queue;
    for (auto& p : *pages) {
      pdf_value page = p.dict;
      page.as<pdf_dict>()->erase("Parent");
      renumber(page, numbers, queue, next);
      page.as<pdf_dict>()->set("Parent", pdf_ref{tree_root, 0});
      const long num = numbers[p.num];
      if (objects.size() < static_cast<std::size_t>(num)) objects.resize(static_cast<std::size_t>(num));
      objects[static_cast<std::size_t>(num - 1)] = pdf_object{std::move(page), std::nullopt};
      kids.items.push_back(pdf_ref{num, 0});
    }
    while (!queue.empty()) {
      long old = queue.front();
      queue.pop_front();
      auto obj = file->object(old);
      if (!obj) return failed(obj.err());
      renumber(obj->value, numbers, queue, next);
      const long num = numbers[old];
      if (objects.size() < static_cast<std::size_t>(num)) objects.resize(static_cast<std::size_t>(num));
      objects[static_cast<std::size_t>(num - 1)] = std::move(*obj);
    }
  }
  const auto count = static_cast<long>(kids.items.size());
  pdf_dict catalog;
  catalog.set("Type", name("Catalog"));
  catalog.set("Pages", pdf_ref{tree_root, 0});
  objects[0] = pdf_object{std::move(catalog), std::nullopt};
  pdf_dict tree;
  tree.set("Type", name("Pages"));
  tree.set("Count", number(count));
  tree.set("Kids", std::move(kids));
  objects[1] = pdf_object{std::move(tree), std::nullopt};
  std::vector<pdf_object> all;
  all.reserve(objects.size());
  for (auto& o : objects) all.push_back(o ? std::move(*o) : pdf_object{pdf_null{}, std::nullopt});
  return write_file(all, 1);
}

}  // namespace kingkung::documents

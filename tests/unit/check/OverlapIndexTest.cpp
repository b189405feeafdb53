// The overlap index must find exactly the boxes a scan of all pairs finds, in insertion order,
// whatever the shape of the sets (subtrees, unions of intervals, empty axes).
#include "check/OverlapIndex.h"

#include <catch2/catch.hpp>

#include <random>

using namespace policyc;
using namespace policyc::check;

namespace {
model::NodeSet randomSet(std::mt19937 &random, model::NodeId universe) {
  model::NodeSet set;
  unsigned intervals = std::uniform_int_distribution<unsigned>(0, 3)(random);
  // Mostly one interval, as selectors that name one subtree are.
  if (intervals == 0 || intervals == 3)
    intervals = 1;
  if (std::uniform_int_distribution<unsigned>(0, 19)(random) == 0)
    intervals = 0; // an empty set now and then
  for (unsigned i = 0; i < intervals; ++i) {
    model::NodeId first = std::uniform_int_distribution<model::NodeId>(0, universe - 1)(random);
    model::NodeId length = std::uniform_int_distribution<model::NodeId>(0, universe / 4)(random);
    set.add({first, std::min<model::NodeId>(universe - 1, first + length)});
  }
  return set;
}

Box randomBox(std::mt19937 &random) {
  Box box;
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    box.sets[axis] = randomSet(random, axis == RecipientAxis ? 8 : 200);
  return box;
}
} // namespace

TEST_CASE("the overlap index agrees with a scan of all pairs", "[check][index]") {
  std::mt19937 random(20160728);
  for (unsigned round = 0; round < 20; ++round) {
    OverlapIndex index;
    std::vector<Box> boxes;
    unsigned count = std::uniform_int_distribution<unsigned>(0, 300)(random);
    for (unsigned i = 0; i < count; ++i) {
      boxes.push_back(randomBox(random));
      index.add(boxes.back(), 1000 + i);
    }
    index.build();
    REQUIRE(index.size() == count);
    for (unsigned query = 0; query < 100; ++query) {
      Box box = randomBox(random);
      std::vector<uint32_t> expected;
      for (uint32_t entry = 0; entry < boxes.size(); ++entry)
        if (boxes[entry].intersects(box))
          expected.push_back(entry);
      std::vector<uint32_t> found = index.overlapping(box);
      REQUIRE(found == expected);
      for (uint32_t entry : found)
        CHECK(index.tag(entry) == 1000 + entry);
    }
  }
}

TEST_CASE("an empty index and an empty query find nothing", "[check][index]") {
  OverlapIndex empty;
  empty.build();
  Box all;
  for (model::NodeSet &set : all.sets)
    set = model::NodeSet::range(0, 10);
  CHECK(empty.overlapping(all).empty());

  OverlapIndex index;
  index.add(all, 0);
  index.build();
  Box none = all;
  none.sets[SourceAxis] = model::NodeSet();
  CHECK(index.overlapping(none).empty());
  CHECK(index.overlapping(all) == std::vector<uint32_t>{0});
}

TEST_CASE("nested subtrees are found from both sides", "[check][index]") {
  // contact = [0, 3] with children 1..3; a statement on contact and one on contact.email.
  Box parent;
  Box child;
  for (unsigned axis = 0; axis < kNumAxes; ++axis) {
    parent.sets[axis] = model::NodeSet::range(0, 0);
    child.sets[axis] = model::NodeSet::range(0, 0);
  }
  parent.sets[CategoryAxis] = model::NodeSet::range(0, 3);
  child.sets[CategoryAxis] = model::NodeSet::range(1, 1);
  OverlapIndex index;
  index.add(parent, 0);
  index.add(child, 1);
  index.build();
  CHECK(index.overlapping(child) == std::vector<uint32_t>{0, 1});
  CHECK(index.overlapping(parent) == std::vector<uint32_t>{0, 1});
  Box sibling = child;
  sibling.sets[CategoryAxis] = model::NodeSet::range(2, 2);
  CHECK(index.overlapping(sibling) == std::vector<uint32_t>{0});
}

namespace {
/// A random forest of `size` nodes in DFS pre-order.
model::Vocabulary randomForest(std::mt19937 &random, model::NodeId size) {
  model::Vocabulary vocabulary;
  vocabulary.nodes.resize(size);
  std::vector<model::NodeId> open; // the path from a root to the last node
  for (model::NodeId id = 0; id < size; ++id) {
    // Close some of the open nodes, then make `id` a child of the innermost one left.
    unsigned close = std::uniform_int_distribution<unsigned>(0, 2)(random);
    while (close-- > 0 && !open.empty()) {
      vocabulary.nodes[open.back()].last = id - 1;
      open.pop_back();
    }
    vocabulary.nodes[id].parent = open.empty() ? model::kNoNode : open.back();
    open.push_back(id);
  }
  for (model::NodeId id : open)
    vocabulary.nodes[id].last = size - 1;
  return vocabulary;
}

model::NodeSet randomSelection(std::mt19937 &random, const model::Vocabulary &vocabulary) {
  model::NodeSet set;
  unsigned kind = std::uniform_int_distribution<unsigned>(0, 9)(random);
  if (kind == 0)
    return vocabulary.all(); // `*`
  if (kind == 1) {
    // Not made of whole subtrees, as a group may be.
    model::NodeId first =
        std::uniform_int_distribution<model::NodeId>(0, vocabulary.size() - 1)(random);
    set.add({first, std::min<model::NodeId>(vocabulary.size() - 1, first + 3)});
    return set;
  }
  unsigned selectors = kind == 2 ? 3 : 1;
  for (unsigned i = 0; i < selectors; ++i)
    set.add(vocabulary.subtree(
        std::uniform_int_distribution<model::NodeId>(0, vocabulary.size() - 1)(random)));
  return set;
}
} // namespace

TEST_CASE("the subtree-pair map agrees with a scan of all pairs", "[check][index]") {
  std::mt19937 random(2015);
  for (unsigned round = 0; round < 20; ++round) {
    model::Vocabulary categories = randomForest(random, 60);
    model::Vocabulary sources = randomForest(random, 20);
    model::Vocabulary purposes = randomForest(random, 10);
    AxisVocabularies vocabularies{&categories, &sources, &purposes, nullptr};
    auto randomBox = [&] {
      Box box;
      box.sets[CategoryAxis] = randomSelection(random, categories);
      box.sets[SourceAxis] = randomSelection(random, sources);
      box.sets[PurposeAxis] = randomSelection(random, purposes);
      box.sets[RecipientAxis] = model::NodeSet::range(0, 0);
      return box;
    };
    OverlapIndex index;
    index.setVocabularies(vocabularies);
    std::vector<Box> boxes;
    unsigned count = std::uniform_int_distribution<unsigned>(0, 400)(random);
    for (unsigned i = 0; i < count; ++i) {
      boxes.push_back(randomBox());
      index.add(boxes.back(), i);
    }
    index.build();
    for (unsigned query = 0; query < 200; ++query) {
      Box box = randomBox();
      std::vector<uint32_t> expected;
      for (uint32_t entry = 0; entry < boxes.size(); ++entry)
        if (boxes[entry].intersects(box))
          expected.push_back(entry);
      REQUIRE(index.overlapping(box) == expected);
    }
  }
}

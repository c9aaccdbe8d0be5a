# Built-ins over iterables: map, filter, zip, enumerate, reversed, sorted, min/max, any/all, range.
words = ["delta", "alpha", "charlie", "bravo"]
print(list(map(len, words)), list(filter(lambda w: "a" in w[1:], words)))
print(list(zip(words, range(10, 14))), list(enumerate(words, 1))[:2], list(reversed(words)))
print(sorted(words), min(words), max(words, key=len), sum(range(101)), list(range(10, 0, -3)))
print(isinstance(words, list), type(3).__name__, callable(len), hasattr(words, "append"), getattr(words, "nope", "dflt"))
print(ord("A"), chr(97), str(12) + repr("x"), int("ff", 16), "%d" % len(set("mississippi")))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))

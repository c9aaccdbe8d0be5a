# List, dict and set comprehensions, nested and filtered.
words = ["apple", "bob", "kayak", "tree"]
lengths = [len(w) for w in words]
palindromes = [w for w in words if w == w[::-1]]
pairs = [(i, j) for i in range(3) for j in range(i)]
index = {w: i for i, w in enumerate(words)}
letters = {c for w in words for c in w if c in "aeiou"}
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(lengths, palindromes, pairs, index["tree"], sorted(letters), matrix)

# Branches and loops whose blocks do not end in return/raise (v1.19 and v1.28 agree here).
def classify(n):
    if n < 0:
        kind = "negative"
    elif n == 0:
        kind = "zero"
    elif n < 10:
        kind = "small"
    else:
        kind = "large"
    return kind

total = 0
i = 0
while i < 20:
    i += 1
    if i % 3 == 0:
        continue
    if i > 15:
        break
    total += i
else:
    total = -1

for k in range(5):
    total += k
else:
    total += 100

for word in ["x", "yy", "zzz"]:
    total += len(word)
print(total, classify(-3), classify(0), classify(4), classify(40))

X = const(y)

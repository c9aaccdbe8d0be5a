# Module-level features: imports, globals, const(), del, global/nonlocal, star imports.
import sys
import os.path
import a.b.c as abc
from micropython import const
from . import sibling
from ..pkg import x as y, z
from mod import *

_PRIVATE = const(42)
PUBLIC = const(1 << 20)
TEXT = const("hello")
counter = 0


def bump():
    global counter
    counter += _PRIVATE + PUBLIC
    return TEXT


def outer():
    v = 1

    def inner():
        nonlocal v
        v += 1
        return v

    return inner


del sys
if __debug__:
    print("debug")

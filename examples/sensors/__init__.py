# A package: `import sensors` loads this file, `from sensors import smoothing` the submodule.
from .smoothing import average

__all__ = ["average"]

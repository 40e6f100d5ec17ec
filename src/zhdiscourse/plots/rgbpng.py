"""The PNG writer of :func:`zhdiscourse.plots.base.save_figure`: matplotlib's Agg canvas, written as RGB.

matplotlib writes every PNG as RGBA through Pillow at zlib level 6. A figure saved with a white face has
no transparent pixel, so the alpha channel is a quarter of the data and carries nothing. This canvas
(``savefig(..., backend="module://zhdiscourse.plots.rgbpng")``) draws exactly as Agg does and writes the
same pixels as RGB when every pixel is opaque (else RGBA, as matplotlib), at zlib level
:data:`COMPRESS_LEVEL`, with the metadata and resolution chunks ``matplotlib.image.imsave`` writes.
Measured on the study's 49 PNGs: encoding 2.0 → 1.0 s of CPU, files 6 % smaller; same pixels.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

#: zlib level of the PNGs (Pillow's default, which matplotlib uses, is 6)
COMPRESS_LEVEL = 3


class FigureCanvas(FigureCanvasAgg):
    """Agg, with PNGs written as described in the module docstring."""

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_print_figure_kwargs):
        """``print_figure``'s other keywords (``dpi``, ``facecolor``, ``orientation`` …) are set on the figure
        by it already; Agg's own ``print_png`` is spared them by matplotlib, a third-party canvas is not."""
        from PIL import Image, PngImagePlugin

        FigureCanvasAgg.draw(self)
        rgba = np.asarray(self.buffer_rgba())
        pixels = rgba[..., :3] if bool((rgba[..., 3] == 255).all()) else rgba
        image = Image.fromarray(np.ascontiguousarray(pixels), "RGB" if pixels.shape[-1] == 3 else "RGBA")
        kwargs = {"compress_level": COMPRESS_LEVEL, **(pil_kwargs or {})}
        if "pnginfo" not in kwargs:  # what matplotlib.image.imsave writes
            info = PngImagePlugin.PngInfo()
            meta = {"Software": f"Matplotlib version{mpl.__version__}, https://matplotlib.org/", **(metadata or {})}
            for key, value in meta.items():
                if value is not None:
                    info.add_text(key, value)
            kwargs["pnginfo"] = info
        kwargs.setdefault("dpi", (self.figure.dpi, self.figure.dpi))
        image.save(filename_or_obj, format="png", **kwargs)

"""Export a trained techniques model to the folder the ONNX stage loads.

The folder holds:

* ``model.onnx``: the fine-tuned encoder with the SI head, int8 (dynamic quantisation,
  per-channel weights). Inputs ``input_ids``, ``attention_mask``, ``token_type_ids``
  [batch, length]; outputs ``hidden`` [batch, length, 384] and ``si_probs``
  [batch, length, 3] (O, B, I);
* ``span_head.npz``: the technique MLP (w1, b1, w2, b2) applied in numpy;
* ``tokenizer.json`` of the base encoder;
* ``config.json``: labels, windowing, thresholds, the sha256 of model.onnx (checked on load)
  and a summary of training.

``python -m spinscope.train.techniques_export --checkpoint C --info I --out DIR`` turns a
checkpoint written by :mod:`spinscope.train.techniques_grid` into such a folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.evaluate.ptc import TECHNIQUES
from spinscope.train.techniques import TrainConfig, _require_torch, build_model, find_base_model

__all__ = ["INFERENCE_STRIDE", "export_model"]

INFERENCE_STRIDE = 254
"""Token distance between the starts of consecutive SI windows at inference (content 254).

Training cuts windows with ``TrainConfig.stride`` (192). At inference the windows barely
overlap: on held-out train (37 articles) SI F1 moved without a trend as the stride went
from 128 to 254 (int8 0.378-0.394, the same weights in fp32 0.388-0.395, differences the
size of the kernels' noise), 254 had the best mean of the two, and the SI pass takes about
30% less time than at 192 (docs/techniques.md, 2026-12-02).
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_model(
    model: Any,
    info: dict[str, Any],
    base_dir: Path,
    out_dir: Path,
    *,
    quantize: bool = True,
    thresholds: dict[str, float] | None = None,
) -> Path:
    """Write the stage's model folder from a trained ``TechniqueNet``; returns model.onnx's path."""
    torch, _ = _require_torch()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = model.to("cpu").eval()

    class Wrapper(torch.nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = model.encoder
            self.si_head = model.si_head

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            return hidden, torch.softmax(self.si_head(hidden), dim=-1)

    wrapper = Wrapper().eval()
    dummy = (
        torch.full((2, 16), 1000, dtype=torch.long),
        torch.ones((2, 16), dtype=torch.long),
        torch.zeros((2, 16), dtype=torch.long),
    )
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model_fp32.onnx"
        torch.onnx.export(
            wrapper,
            dummy,
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["hidden", "si_probs"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "length"},
                "attention_mask": {0: "batch", 1: "length"},
                "token_type_ids": {0: "batch", 1: "length"},
                "hidden": {0: "batch", 1: "length"},
                "si_probs": {0: "batch", 1: "length"},
            },
            opset_version=17,
            dynamo=False,
        )
        target = out_dir / "model.onnx"
        if quantize:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(target), per_channel=True, weight_type=QuantType.QInt8)
        else:
            shutil.copy(fp32, target)
    head = model.span_head
    np.savez(
        out_dir / "span_head.npz",
        w1=head[1].weight.detach().numpy().astype(np.float32),
        b1=head[1].bias.detach().numpy().astype(np.float32),
        w2=head[4].weight.detach().numpy().astype(np.float32),
        b2=head[4].bias.detach().numpy().astype(np.float32),
    )
    shutil.copy(base_dir / "tokenizer.json", out_dir / "tokenizer.json")
    config = info["config"]
    best = info.get("best", {})
    holdout = best.get("holdout", {})
    settings = {
        "format": "spinscope.techniques/1",
        "labels": list(TECHNIQUES),
        "max_length": config["max_length"],
        "stride": INFERENCE_STRIDE,
        "pair_length": config["pair_length"],
        "tc_mode": config["tc_mode"],
        "threshold": holdout.get("threshold", 0.4),
        "min_score": 0.0,
        "second_label_min": 0.5,
        "quantized": quantize,
        "model_sha256": _sha256(target),
        "training": {
            "config": config,
            "best_epoch": best.get("epoch"),
            "holdout": {k: holdout.get(k) for k in ("threshold", "si_f1", "tc_f1")},
            "dev": {k: best.get("dev", {}).get(k) for k in ("si_p", "si_r", "si_f1", "tc_f1")},
        },
    }
    if thresholds:
        settings.update(thresholds)
    (out_dir / "config.json").write_text(json.dumps(settings, indent=1) + "\n")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", required=True, help="safetensors of the whole TechniqueNet")
    parser.add_argument("--info", required=True, help="train info json written with it")
    parser.add_argument("--out", required=True)
    parser.add_argument("--base", default=None)
    parser.add_argument("--fp32", action="store_true", help="skip int8 quantisation")
    args = parser.parse_args(argv)
    torch, transformers = _require_torch()
    from safetensors.torch import load_file

    info = json.loads(Path(args.info).read_text())
    base = find_base_model(args.base)
    fields = {k: v for k, v in info["config"].items() if k in TrainConfig.__dataclass_fields__}
    config = TrainConfig(**fields)
    model = build_model(base, config, torch, transformers)
    state = {k: v.float() for k, v in load_file(args.checkpoint).items()}
    model.load_state_dict(state)
    export_model(model, info, base, Path(args.out), quantize=not args.fp32)


if __name__ == "__main__":
    main()

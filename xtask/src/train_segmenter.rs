//! `cargo xtask train-segmenter`: trains the word segmenter on UD Vietnamese VTB train + dev
//! with the dictionary `data/dictionary/viet74k.txt`, and writes
//! `crates/tokenize/model/segmenter.bin`. Deterministic: the same inputs give the same bytes.
//!
//! `--dev` trains on train only and prints word-span F1 on dev after every epoch (the way
//! every choice of the model was made; the test file is never read here).
//!
//! `--cv K` cross-validates on train + dev together: K contiguous blocks of sentences, each
//! segmented by a model trained on the others, through the path `sen segment` takes (the
//! `# text` line, Sen's tokenizer and name rules), scored as `eval-segmenter` scores test.
//! `--cv-out FILE` writes the out-of-fold output (one sentence a line, in corpus order) and
//! `FILE.gold` the gold segmentation, for error analysis (`--errors` of eval-segmenter reads
//! the same format). `--buckets N` then prints where the mistakes are (see
//! `segmenter_errors`), with the N commonest of each of the largest buckets.

use std::path::Path;

use sen_tokenize::segment::train::{self, GoldSentence, TrainOptions};

const USAGE: &str =
    "usage: cargo xtask train-segmenter [--dev | --dev-cv K | --cv K [--cv-out FILE] [--buckets N]] [--epochs N] [--bits B] [--folds F] [--seed S] [--runs R] [--out FILE]";

pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::workspace_root();
    let mut opts = TrainOptions::default();
    let mut dev_only = false;
    let mut dev_cv = None;
    let mut cv = None;
    let mut cv_out = None::<std::path::PathBuf>;
    let mut buckets = None;
    let mut out = root.join("crates/tokenize/model/segmenter.bin");
    let mut out_given = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num = |name: &str| -> Result<u64, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("train-segmenter: {name} needs a number\n{USAGE}"))
        };
        match a.as_str() {
            "--dev" => dev_only = true,
            "--dev-cv" => dev_cv = Some(num("--dev-cv")? as usize),
            "--cv" => cv = Some(num("--cv")? as usize),
            "--buckets" => buckets = Some(num("--buckets")? as usize),
            "--cv-out" => {
                cv_out = Some(
                    it.next()
                        .map(Into::into)
                        .ok_or(format!("train-segmenter: --cv-out needs a file\n{USAGE}"))?,
                )
            }
            "--epochs" => opts.epochs = num("--epochs")? as usize,
            "--bits" => opts.bits = num("--bits")? as u32,
            "--folds" => opts.folds = num("--folds")? as usize,
            "--seed" => opts.seed = num("--seed")?,
            "--runs" => opts.runs = num("--runs")? as usize,
            "--out" => {
                out_given = true;
                out = it
                    .next()
                    .map(Into::into)
                    .ok_or(format!("train-segmenter: --out needs a file\n{USAGE}"))?
            }
            other => {
                return Err(format!(
                    "train-segmenter: unexpected argument `{other}`\n{USAGE}"
                ))
            }
        }
    }
    let ud = root.join("data/ud-vtb");
    let train_set = read(&ud.join("vi_vtb-ud-train.conllu"))?;
    let dev_set = read(&ud.join("vi_vtb-ud-dev.conllu"))?;
    let list_path = root.join("data/dictionary/viet74k.txt");
    let list = std::fs::read_to_string(&list_path)
        .map_err(|e| format!("reading {}: {e}", list_path.display()))?;
    let dict = train::dict_from_list(&list);
    let mut names = String::new();
    for f in ["places-vn.txt", "world.txt"] {
        let p = root.join("data/dictionary").join(f);
        names +=
            &std::fs::read_to_string(&p).map_err(|e| format!("reading {}: {e}", p.display()))?;
    }
    let names = train::dict_from_list(&names);
    let t0 = std::time::Instant::now();
    if let Some(k) = cv {
        let mut all = train_set;
        all.extend(dev_set);
        let lines = cross_validate(&all, &dict, &names, &opts, k, cv_out.as_deref())?;
        if let Some(examples) = buckets {
            let words = list.lines().map(|l| l.trim().to_lowercase()).collect();
            crate::segmenter_errors::report(&all, &lines, k.max(2), &words, examples);
        }
        return Ok(());
    }
    if let Some(k) = dev_cv {
        // train on train + all dev parts but one, score the held-out part; counts summed
        // over the parts (the final model trains on train + dev: this measures that size)
        let k = k.max(2);
        let n = dev_set.len();
        let mut counts = vec![(0usize, 0usize, 0usize); opts.epochs];
        for part in 0..k {
            let (lo, hi) = (part * n / k, (part + 1) * n / k);
            let mut data = train_set.clone();
            data.extend(dev_set[..lo].iter().cloned());
            data.extend(dev_set[hi..].iter().cloned());
            let held = &dev_set[lo..hi];
            train::train(
                &data,
                dict.clone(),
                names.clone(),
                &opts,
                |e| {
                    let seg = sen_tokenize::segment::Segmenter::from_model(e.model.clone());
                    let c = &mut counts[e.epoch - 1];
                    for sent in held {
                        let pred = seg.label_tokens(sent.tokens());
                        let (a, b, d) = train::span_counts(&sent.labels(), &pred);
                        c.0 += a;
                        c.1 += b;
                        c.2 += d;
                    }
                },
                true,
            );
        }
        for (e, &(c, s, g)) in counts.iter().enumerate() {
            let (p, r) = (c as f64 / s as f64, c as f64 / g as f64);
            println!(
                "epoch {:2}  dev-cv{k} P {:.2} R {:.2} F1 {:.2}",
                e + 1,
                100.0 * p,
                100.0 * r,
                200.0 * p * r / (p + r)
            );
        }
        return Ok(());
    }
    if dev_only {
        let model = train::train(
            &train_set,
            dict,
            names,
            &opts,
            |e| {
                let (mut c, mut s, mut g) = (0, 0, 0);
                let seg = sen_tokenize::segment::Segmenter::from_model(e.model.clone());
                for sent in &dev_set {
                    let pred = seg.label_tokens(sent.tokens());
                    let (a, b, d) = train::span_counts(&sent.labels(), &pred);
                    c += a;
                    s += b;
                    g += d;
                }
                let (p, r) = (c as f64 / s as f64, c as f64 / g as f64);
                println!(
                    "epoch {:2}  train mistakes {:5}  dev P {:.2} R {:.2} F1 {:.2}",
                    e.epoch,
                    e.mistakes,
                    100.0 * p,
                    100.0 * r,
                    200.0 * p * r / (p + r)
                );
            },
            true,
        );
        if out_given {
            std::fs::write(&out, model.to_bytes())
                .map_err(|e| format!("writing {}: {e}", out.display()))?;
        }
        return Ok(());
    }
    let mut all = train_set;
    all.extend(dev_set);
    let model = train::train(&all, dict, names, &opts, |_| (), false);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("writing {}: {e}", out.display()))?;
    println!(
        "trained on {} sentences in {:.1}s; wrote {} ({} bytes)",
        all.len(),
        t0.elapsed().as_secs_f64(),
        out.display(),
        bytes.len()
    );
    Ok(())
}

fn read(path: &Path) -> Result<Vec<GoldSentence>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    Ok(train::read_conllu(&text))
}

/// Out-of-fold segmentation of `all` in `k` contiguous blocks (a block is a run of whole
/// documents, mostly, so a held-out sentence's neighbours are held out with it).
fn cross_validate(
    all: &[GoldSentence],
    dict: &sen_tokenize::segment::Dict,
    names: &sen_tokenize::segment::Dict,
    opts: &TrainOptions,
    k: usize,
    out: Option<&Path>,
) -> Result<Vec<String>, String> {
    let k = k.max(2);
    let n = all.len();
    let mut lines = Vec::with_capacity(n);
    for part in 0..k {
        let (lo, hi) = (part * n / k, (part + 1) * n / k);
        let mut data = all[..lo].to_vec();
        data.extend(all[hi..].iter().cloned());
        let model = train::train(&data, dict.clone(), names.clone(), opts, |_| (), false);
        let seg = sen_tokenize::segment::Segmenter::from_model(model);
        lines.extend(all[lo..hi].iter().map(|s| seg.segment_line(&text_of(s))));
    }
    let gold: Vec<Vec<String>> = all
        .iter()
        .map(|s| s.words.iter().map(|w| w.join(" ")).collect())
        .collect();
    let sys: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.split_whitespace().map(|w| w.replace('_', " ")).collect())
        .collect();
    let r = crate::eval_segmenter::score(&gold, &sys);
    let f = |v: f64| format!("{:.2}", 100.0 * v);
    println!(
        "cv{k} P {} R {} F1 {} | nopunct F1 {} | multi-syl F1 {} | correct {} system {} gold {}",
        f(r.all.precision()),
        f(r.all.recall()),
        f(r.all.f1()),
        f(r.nopunct.f1()),
        f(r.multi.f1()),
        r.all.correct,
        r.all.system,
        r.all.gold
    );
    if let Some(p) = out {
        let write = |p: &Path, ls: &mut dyn Iterator<Item = String>| {
            let mut s = String::new();
            for l in ls {
                s += &l;
                s.push('\n');
            }
            std::fs::write(p, s).map_err(|e| format!("writing {}: {e}", p.display()))
        };
        write(p, &mut lines.iter().cloned())?;
        let mut g = p.as_os_str().to_owned();
        g.push(".gold");
        write(
            Path::new(&g),
            &mut gold.iter().map(|s| {
                s.iter()
                    .map(|w| w.replace(' ', "_"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        )?;
    }
    Ok(lines)
}

/// The `# text` line of a sentence, or its syllables joined by spaces.
fn text_of(s: &GoldSentence) -> String {
    match &s.text {
        Some(t) => t.trim().to_string(),
        None => s
            .words
            .iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

//! Responsive local images. An article's medium whose `src` is a file of the site's `static/`
//! (`/images/bunker.jpg`) is published at a few widths, in its own format and as WebP, under
//! `/_img/<content hash>/`; its figure gets `srcset`, `sizes`, `width` and `height` (no layout
//! shift) and a WebP `<source>`. Remote `src` URLs are left as they are.
//!
//! A variant's file name holds the hash of the original's bytes, so a build finds the variants of
//! an unchanged image in the output folder and encodes none of them again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use image::{DynamicImage, ImageFormat, ImageReader};
use rayon::prelude::*;

use super::templates::Templates;
use super::{Artifact, Produced, RenderEnv};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::util::escape::html as escape;

/// The widths an image is published at, besides its own when that is smaller than the widest
/// here: a phone's column, a tablet's or a 2x phone's, and a 2x desktop column.
const WIDTHS: [u32; 3] = [480, 960, 1600];

/// What the theme's article column takes of the window: a figure is the column's width (44rem)
/// on wide screens and the window's less the gutters on narrow ones.
pub const SIZES: &str = "(min-width: 48rem) 44rem, calc(100vw - 2rem)";

/// Quality of the lossy encodings (JPEG and WebP), out of 100.
const QUALITY: u8 = 80;

/// Where the variants are published.
const FOLDER: &str = "_img";

/// One local image: where it is, what it holds, and its size.
pub struct LocalImage {
    /// The `src` as the editor wrote it, a site path.
    pub src: String,
    file: PathBuf,
    /// The fingerprint of the file's bytes.
    content: u64,
    pub width: u32,
    pub height: u32,
    format: ImageFormat,
    /// The original, decoded once for all its variants.
    decoded: OnceLock<Result<Arc<DynamicImage>, String>>,
}

impl Hash for LocalImage {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (&self.src, self.content).hash(state);
    }
}

/// The local images of a site's media, by `src`.
#[derive(Default)]
pub struct Images {
    by_src: HashMap<String, Arc<LocalImage>>,
}

impl Images {
    /// Every medium's `src` that is a JPEG, PNG or WebP file of `static/`: read, fingerprinted
    /// and measured (its header only). A file that is not the image its name says is a warning
    /// naming it.
    pub fn discover(site: &Site, root: &Path) -> (Images, Vec<Diagnostic>) {
        let mut sources: Vec<&str> = site
            .articles
            .iter()
            .flat_map(|article| &article.doc.front.media)
            .filter_map(|media| media.src.as_deref())
            .filter(|src| src.starts_with('/') && !src.starts_with("//"))
            .filter(|src| format_of(src).is_some())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let found: Vec<Result<Option<LocalImage>, Diagnostic>> = sources
            .par_iter()
            .map(|src| LocalImage::read(root, src))
            .collect();
        let mut images = Images::default();
        let mut problems = Vec::new();
        for image in found {
            match image {
                Ok(Some(image)) => {
                    images.by_src.insert(image.src.clone(), Arc::new(image));
                }
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        (images, problems)
    }

    /// The local image of each of `media`, by index (empty when none has a `src`).
    pub fn of<'a>(&'a self, media: &[crate::content::Media]) -> Vec<Option<&'a LocalImage>> {
        if media.iter().all(|m| m.src.is_none()) {
            return Vec::new();
        }
        (media.iter())
            .map(|m| self.by_src.get(m.src.as_deref()?).map(|image| &**image))
            .collect()
    }

    /// Every variant file to publish: its path, its image, width and format.
    pub fn variants(&self) -> Vec<(String, Variant<'_>)> {
        let mut images: Vec<&Arc<LocalImage>> = self.by_src.values().collect();
        images.sort_by(|a, b| a.src.cmp(&b.src));
        images
            .into_iter()
            .flat_map(|image| {
                image.widths().into_iter().flat_map(move |width| {
                    [false, true].map(|webp| {
                        let variant = Variant { image, width, webp };
                        (variant.url()[1..].to_owned(), variant)
                    })
                })
            })
            .collect()
    }
}

fn format_of(src: &str) -> Option<ImageFormat> {
    let extension = src.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        "webp" => Some(ImageFormat::WebP),
        _ => None,
    }
}

impl LocalImage {
    /// The image at site path `src`, if `static/` has that file.
    fn read(root: &Path, src: &str) -> Result<Option<LocalImage>, Diagnostic> {
        let decoded = percent_encoding::percent_decode_str(src).decode_utf8_lossy();
        let file = Path::new(super::STATIC_DIR).join(decoded.trim_start_matches('/'));
        let Ok(bytes) = std::fs::read(root.join(&file)) else {
            return Ok(None);
        };
        let format = format_of(src).expect("only images are read");
        // A file the decoder cannot read (a format variant it lacks, a misnamed file) is still
        // published, as it is: a warning, not a failed build.
        let (width, height) = ImageReader::with_format(Cursor::new(&bytes), format)
            .into_dimensions()
            .map_err(|error| {
                let message = format!(
                    "cannot read the image ({error}): it is published as it is, at one width only"
                );
                Diagnostic::warning("image", message).in_file(&file)
            })?;
        Ok(Some(LocalImage {
            src: src.to_owned(),
            file,
            content: crate::util::hash::fingerprint_of(&bytes),
            width,
            height,
            format,
            decoded: OnceLock::new(),
        }))
    }

    /// The widths it is published at, narrowest first: those of [`WIDTHS`] below its own,
    /// and its own.
    pub fn widths(&self) -> Vec<u32> {
        let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|&w| w < self.width).collect();
        widths.push(self.width);
        widths
    }

    /// `srcset` of its variants in its own format, or in WebP, under `base_path`.
    fn srcset(&self, webp: bool, base_path: &str) -> String {
        let list: Vec<String> = (self.widths().into_iter())
            .map(|width| {
                let url = Variant {
                    image: self,
                    width,
                    webp,
                }
                .url();
                format!("{base_path}{url} {width}w")
            })
            .collect();
        list.join(", ")
    }

    /// The `<picture>` that shows it: WebP where the browser takes it, else its own format,
    /// at the width the layout needs; its URLs under `base_path` (the path of `base_url`).
    pub fn picture(&self, alt: &str, base_path: &str) -> String {
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\"></picture>",
            escape(&self.srcset(true, base_path)),
            escape(&crate::util::href::link(base_path, &self.src)),
            escape(&self.srcset(false, base_path)),
            self.width,
            self.height,
            escape(alt),
        )
    }

    fn decoded(&self, root: &Path) -> Result<Arc<DynamicImage>, String> {
        self.decoded
            .get_or_init(|| {
                let bytes = std::fs::read(root.join(&self.file)).map_err(|e| e.to_string())?;
                let image = image::load_from_memory_with_format(&bytes, self.format)
                    .map_err(|e| e.to_string())?;
                Ok(Arc::new(image))
            })
            .clone()
    }
}

/// One published variant of a local image.
#[derive(Clone, Copy)]
pub struct Variant<'a> {
    image: &'a LocalImage,
    width: u32,
    webp: bool,
}

impl Variant<'_> {
    /// `/_img/<content>/<name>-<width>.<ext>`.
    fn url(&self) -> String {
        let image = self.image;
        let name = image.src.rsplit('/').next().unwrap_or("image");
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, "img"));
        // A name safe in a `srcset` (which splits at spaces and commas) and on any host.
        let stem = slug::slugify(stem);
        let extension = if self.webp {
            "webp".to_owned()
        } else {
            extension.to_ascii_lowercase()
        };
        let content = image.content;
        format!("/{FOLDER}/{content:016x}/{stem}-{}.{extension}", self.width)
    }

    pub fn produce(&self, env: &RenderEnv, path: String) -> Produced {
        let previous = env.root.join(&env.site.config.output_dir).join(&path);
        let encoding = Encoding {
            image: self.image,
            width: self.width,
            webp: self.webp,
            root: env.root,
            previous: &previous,
        };
        let label = path.clone();
        env.produce(path, &label, &encoding)
    }
}

/// A variant to encode: the image, the width and the format; and where the last build left
/// it (its name holds the original's fingerprint, so a file there is this very variant).
#[derive(Hash)]
struct Encoding<'a> {
    image: &'a LocalImage,
    width: u32,
    webp: bool,
    root: &'a Path,
    previous: &'a Path,
}

impl Artifact for Encoding<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        if let Ok(bytes) = std::fs::read(self.previous) {
            return Ok(Bytes::from(bytes));
        }
        let problem = |what: String| {
            vec![
                Diagnostic::error("image", format!("cannot publish the image: {what}"))
                    .in_file(&self.image.file),
            ]
        };
        let original = self.image.decoded(self.root).map_err(problem)?;
        let resized;
        let image: &DynamicImage = if self.width < self.image.width {
            let height = (u64::from(self.image.height) * u64::from(self.width))
                .div_ceil(u64::from(self.image.width)) as u32;
            resized = original.resize_exact(
                self.width,
                height.max(1),
                image::imageops::FilterType::CatmullRom,
            );
            &resized
        } else {
            &original
        };
        encode(
            image,
            if self.webp {
                ImageFormat::WebP
            } else {
                self.image.format
            },
        )
        .map(Bytes::from)
        .map_err(problem)
    }
}

/// `image` as a file of `format`: lossy JPEG and WebP at [`QUALITY`], lossless PNG.
fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match format {
        ImageFormat::WebP => {
            let rgba = image.to_rgba8();
            let encoder = webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height());
            bytes.extend_from_slice(&encoder.encode(f32::from(QUALITY)));
        }
        ImageFormat::Jpeg => {
            let rgb = image.to_rgb8();
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, QUALITY);
            rgb.write_with_encoder(encoder).map_err(|e| e.to_string())?;
        }
        other => {
            image
                .write_to(&mut Cursor::new(&mut bytes), other)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32) -> LocalImage {
        LocalImage {
            src: "/images/a b.png".to_owned(),
            file: PathBuf::from("static/images/a b.png"),
            content: 0xabc,
            width,
            height,
            format: ImageFormat::Png,
            decoded: OnceLock::new(),
        }
    }

    #[test]
    fn widths_stop_at_the_original() {
        assert_eq!(image(2400, 1600).widths(), [480, 960, 1600, 2400]);
        assert_eq!(image(800, 600).widths(), [480, 800]);
        assert_eq!(image(300, 200).widths(), [300]);
    }

    #[test]
    fn the_picture_has_srcsets_sizes_and_dimensions() {
        let html = image(1000, 500).picture("A \"bunker\"", "");
        assert!(html.contains(r#"<source type="image/webp" srcset="/_img/0000000000000abc/a-b-480.webp 480w, /_img/0000000000000abc/a-b-960.webp 960w, /_img/0000000000000abc/a-b-1000.webp 1000w""#), "{html}");
        assert!(
            html.contains(r#"width="1000" height="500" alt="A &quot;bunker&quot;""#),
            "{html}"
        );
        assert!(html.contains(&format!(r#"sizes="{SIZES}""#)), "{html}");
    }

    #[test]
    fn images_encode_in_each_format() {
        let picture = DynamicImage::ImageRgb8(image::RgbImage::from_fn(64, 32, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 8) as u8, 128])
        }));
        for (format, magic) in [
            (ImageFormat::Jpeg, &b"\xff\xd8"[..]),
            (ImageFormat::Png, &b"\x89PNG"[..]),
            (ImageFormat::WebP, &b"RIFF"[..]),
        ] {
            let bytes = encode(&picture, format).unwrap();
            assert!(bytes.starts_with(magic), "{format:?}");
        }
    }
}

//! Responsive local images: a medium whose `src` is a file of `static/` is published at a few
//! widths, in its format and as WebP, with `srcset`, `sizes`, `width` and `height`; a second
//! build encodes nothing; remote images are left as they are.

mod common;

use common::TestSite;

/// A 2400×1600 PNG with a gradient (so that encoders have something to do).
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

fn site() -> TestSite {
    let site = TestSite::new();
    site.write_bytes("static/images/bunker.png", &png(2400, 1600))
        .article(
            "local.md",
            "title: Local\ndate: 2022-01-09\nmedia:\n  - caption: A bunker\n    src: /images/bunker.png\n  - caption: Unplaced\n    src: /images/bunker.png",
            "Text.\n\n![A bunker](media:1)\n",
        )
        .article(
            "remote.md",
            "title: Remote\ndate: 2022-01-09\nmedia:\n  - caption: Elsewhere\n    src: https://cdn.example/x.jpg",
            "Text.\n\n![x](media:1)\n",
        );
    site
}

fn variant_files(site: &TestSite) -> Vec<String> {
    site.tree()
        .into_keys()
        .filter(|path| path.starts_with("_img/"))
        .collect()
}

#[test]
fn a_local_image_gets_widths_webp_srcset_and_dimensions() {
    let site = site();
    site.build().success();
    let html = site.read("articles/local/index.html");
    assert!(html.contains(r#"width="2400" height="1600""#), "{html}");
    assert!(
        html.contains(r#"<source type="image/webp" srcset="/_img/"#),
        "{html}"
    );
    assert!(html.contains("-480.webp 480w"), "{html}");
    assert!(html.contains("-1600.png 1600w"), "{html}");
    assert!(html.contains(r#"sizes="(min-width: 48rem)"#), "{html}");
    // Placed in the body and shown after it: both are pictures.
    assert_eq!(html.matches("<picture>").count(), 2, "{html}");
    let files = variant_files(&site);
    assert_eq!(files.len(), 8, "4 widths × 2 formats: {files:?}");
    let small = files.iter().find(|f| f.ends_with("-480.webp")).unwrap();
    let bytes = std::fs::read(site.public().join(small)).unwrap();
    let (width, height) = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap();
    assert_eq!((width, height), (480, 320));
    // Every variant the page names exists.
    for file in &files {
        assert!(
            html.contains(&format!("/{file} ")),
            "{file} is not in a srcset"
        );
    }
    // The remote image is left as it is.
    let remote = site.read("articles/remote/index.html");
    assert!(remote.contains(r#"<img src="https://cdn.example/x.jpg" alt="" loading="lazy">"#));
}

#[test]
fn a_second_build_encodes_nothing_and_a_changed_image_gets_new_files() {
    let site = site();
    site.build().success();
    let files = variant_files(&site);
    // A variant left in the output folder is taken as it is: the build did not encode it again.
    let marked = site.public().join(&files[0]);
    std::fs::write(&marked, b"left by the last build").unwrap();
    site.build().success();
    assert_eq!(std::fs::read(&marked).unwrap(), b"left by the last build");
    // New bytes, new names; the old variants are removed.
    site.write_bytes("static/images/bunker.png", &png(1200, 800));
    site.build().success();
    let after = variant_files(&site);
    assert_eq!(after.len(), 6, "3 widths × 2 formats: {after:?}");
    assert!(after.iter().all(|file| !files.contains(file)));
}

#[test]
fn an_image_that_is_not_one_is_a_warning_and_published_as_it_is() {
    let site = site();
    site.write("static/images/bunker.png", "not a png");
    site.build()
        .success()
        .stderr(predicates::str::contains("static/images/bunker.png"))
        .stderr(predicates::str::contains("cannot read the image"));
    assert!(variant_files(&site).is_empty());
    let html = site.read("articles/local/index.html");
    assert!(
        html.contains(r#"<img src="/images/bunker.png" alt="" loading="lazy">"#),
        "{html}"
    );
}

//! Media from other sites: a YouTube or Vimeo video (`kind: video`) and a social post
//! (`kind: post`). Each is shown as a placeholder (its thumbnail if the editor gave one, and a
//! link to it) that asks nothing of the other site: the theme's `embed.js` swaps in the video's
//! player only when the reader clicks, from YouTube's no-cookie domain or with Vimeo's
//! do-not-track flag. A post stays a link: its site's embedding scripts track readers.

use url::Url;

use crate::content::Media;
use crate::util::escape::html as escape;
use crate::util::href;

/// A medium that lives on another site.
#[derive(Debug, PartialEq, Eq)]
pub struct Embed {
    /// The site's name as readers know it: `YouTube`, `Vimeo`, or a post's host.
    pub site: String,
    /// The page of the video or post on its site.
    pub link: String,
    /// The player's address, loaded in an iframe on click; none for a post.
    pub player: Option<String>,
}

/// The embed `media` is, if it is one: a video on YouTube or Vimeo, or any http(s) post.
pub fn embed(media: &Media) -> Option<Embed> {
    let url = Url::parse(media.src.as_deref()?).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    match media.kind.as_deref()? {
        "video" => video(&url, host.strip_prefix("m.").unwrap_or(host)),
        "post" => Some(Embed {
            site: host.to_owned(),
            link: url.to_string(),
            player: None,
        }),
        _ => None,
    }
}

fn video(url: &Url, host: &str) -> Option<Embed> {
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match segments.next()? {
                "watch" => url
                    .query_pairs()
                    .find(|(key, _)| key == "v")
                    .map(|(_, id)| id.into_owned())?,
                "embed" | "shorts" | "live" => segments.next()?.to_owned(),
                _ => return None,
            };
            youtube(&id)
        }
        "youtu.be" => youtube(segments.next()?),
        "vimeo.com" => vimeo(segments.next()?),
        "player.vimeo.com" => match segments.next()? {
            "video" => vimeo(segments.next()?),
            _ => None,
        },
        _ => None,
    }
}

fn youtube(id: &str) -> Option<Embed> {
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then(|| Embed {
        site: "YouTube".to_owned(),
        link: format!("https://www.youtube.com/watch?v={id}"),
        player: Some(format!(
            "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"
        )),
    })
}

fn vimeo(id: &str) -> Option<Embed> {
    let valid = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| Embed {
        site: "Vimeo".to_owned(),
        link: format!("https://vimeo.com/{id}"),
        player: Some(format!(
            "https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"
        )),
    })
}

/// The image a medium shows: its `src`, or for an embed its `thumbnail`.
pub fn image_of(media: &Media) -> Option<&str> {
    match embed(media) {
        Some(_) => media.thumbnail.as_deref(),
        None => media.src.as_deref(),
    }
}

impl Embed {
    /// The placeholder, inside the medium's `<figure>`; `base_path` for a root-relative
    /// thumbnail. The play button shows only once `embed.js` runs; without it the link remains.
    pub fn placeholder(&self, media: &Media, base_path: &str) -> String {
        let mut html = match &self.player {
            Some(player) => format!(
                "<div class=\"embed\" data-embed-player=\"{}\" data-embed-title=\"{}\">",
                escape(player),
                escape(&media.caption)
            ),
            None => "<div class=\"embed embed-post\">".to_owned(),
        };
        if let Some(thumbnail) = &media.thumbnail {
            html.push_str(&format!(
                "<img class=\"embed-thumbnail\" src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                escape(&href::link(base_path, thumbnail)),
                escape(media.alt.as_deref().unwrap_or_default())
            ));
        }
        let (action, what) = match self.player {
            Some(_) => ("Watch", "the video"),
            None => ("View", "the post"),
        };
        html.push_str(&format!(
            "<p class=\"embed-notice\"><a class=\"embed-link\" href=\"{}\" rel=\"external noopener\">{action} {what} on {}</a>",
            escape(&self.link),
            escape(&self.site)
        ));
        if self.player.is_some() {
            html.push_str(&format!(
                "<button type=\"button\" class=\"embed-play\" hidden>Play here (loads {}’s player)</button>",
                escape(&self.site)
            ));
        }
        html.push_str("</p></div>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn medium(kind: &str, src: &str) -> Media {
        Media {
            caption: "The minister speaks".to_owned(),
            kind: Some(kind.to_owned()),
            src: Some(src.to_owned()),
            ..Media::default()
        }
    }

    fn player(kind: &str, src: &str) -> Option<String> {
        embed(&medium(kind, src))?.player
    }

    #[test]
    fn youtube_and_vimeo_urls_in_every_shape_play_from_privacy_friendly_players() {
        let youtube =
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1".to_owned());
        for src in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=x",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ] {
            assert_eq!(player("video", src), youtube, "{src}");
        }
        let vimeo = Some("https://player.vimeo.com/video/76979871?autoplay=1&dnt=1".to_owned());
        assert_eq!(player("video", "https://vimeo.com/76979871"), vimeo);
        assert_eq!(
            player("video", "https://player.vimeo.com/video/76979871"),
            vimeo
        );
        for not_one in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=dQw4w9WgX\"Q",
            "https://www.youtube.com/channel/UC123",
            "https://vimeo.com/about",
            "https://example.org/clip.mp4",
            "/videos/clip.mp4",
            "javascript:alert(1)",
        ] {
            assert_eq!(embed(&medium("video", not_one)), None, "{not_one}");
        }
        // A photo on YouTube's domain is whatever it is, not a player.
        assert_eq!(
            embed(&medium("photo", "https://youtu.be/dQw4w9WgXcQ")),
            None
        );
    }

    #[test]
    fn a_post_is_a_link_to_its_site() {
        let post = embed(&medium("post", "https://www.mastodon.example/@desk/1234")).unwrap();
        assert_eq!(
            post,
            Embed {
                site: "mastodon.example".to_owned(),
                link: "https://www.mastodon.example/@desk/1234".to_owned(),
                player: None,
            }
        );
        let html = post.placeholder(&medium("post", "x"), "");
        assert!(!html.contains("data-embed-player"), "{html}");
        assert!(!html.contains("<button"), "{html}");
    }

    #[test]
    fn the_placeholder_escapes_what_the_editor_wrote_and_loads_nothing() {
        let mut media = medium("video", "https://youtu.be/dQw4w9WgXcQ");
        media.caption = "Talks \"resume\" <now>".to_owned();
        media.thumbnail = Some("/images/talks.jpg".to_owned());
        let html = embed(&media).unwrap().placeholder(&media, "/desk");
        assert_eq!(
            html,
            "<div class=\"embed\" data-embed-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\" data-embed-title=\"Talks &quot;resume&quot; &lt;now&gt;\">\
             <img class=\"embed-thumbnail\" src=\"/desk/images/talks.jpg\" alt=\"\" loading=\"lazy\">\
             <p class=\"embed-notice\"><a class=\"embed-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" rel=\"external noopener\">Watch the video on YouTube</a>\
             <button type=\"button\" class=\"embed-play\" hidden>Play here (loads YouTube’s player)</button></p></div>"
        );
        assert!(!html.contains("<iframe"));
        assert_eq!(image_of(&media), Some("/images/talks.jpg"));
    }
}

//! A profile's `image:`: found beside the profile
//! (`content/actors/portrait.jpg`, copied to `actors/<slug>/portrait.jpg`)
//! or in `static/` (already copied as it is), and refused when it is
//! neither, is not an image, or points outside the site.

use std::path::Path;

use super::{Profile, StaticFile};
use crate::error::Diagnostic;
use crate::paths;

/// Extensions accepted for a profile image.
const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"];

/// Where a profile's image ends up, and the copy to make if it lives
/// beside the profile.
pub struct Resolved {
    /// Its path in the output.
    pub output: String,
    /// The file to copy, when it is not in `static/`.
    pub copy: Option<StaticFile>,
}

/// Finds `profile`'s image, if it has one.
pub fn resolve(root: &Path, profile: &Profile) -> Result<Option<Resolved>, Diagnostic> {
    let Some(image) = &profile.matter.image else {
        return Ok(None);
    };
    let error = |message: String, expected: &str| {
        profile
            .origin
            .error_at(&profile.path, "image", message)
            .expected(expected.to_string())
    };
    let file = image.file.trim();
    let relative = file.trim_start_matches('/');
    let unsafe_path = relative.is_empty()
        || file.contains("://")
        || file.contains('\\')
        || relative
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty());
    if unsafe_path {
        return Err(error(
            format!("the image \"{file}\" is not a path inside the site"),
            "a file name beside the profile, such as `image: antony-blinken.jpg`, or a path in static/",
        ));
    }
    let extension = Path::new(relative)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        return Err(error(
            format!("the image \"{file}\" is not a picture"),
            "a .jpg, .jpeg, .png, .gif, .webp, .avif or .svg file",
        ));
    }
    let beside = Path::new("content/actors").join(relative);
    if !file.starts_with('/') && root.join(&beside).is_file() {
        return Ok(Some(Resolved {
            output: paths::actor_file(&profile.slug, relative),
            copy: Some(StaticFile {
                output: paths::actor_file(&profile.slug, relative),
                source: root.join(beside),
            }),
        }));
    }
    if root.join("static").join(relative).is_file() {
        return Ok(Some(Resolved {
            output: relative.to_string(),
            copy: None,
        }));
    }
    Err(error(
        format!("the image \"{file}\" is neither beside the profile nor in static/"),
        &format!("a file at content/actors/{relative} or static/{relative}"),
    ))
}

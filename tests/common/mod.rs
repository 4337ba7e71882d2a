//! Helpers shared by the native test files.

use article_viewer::app::reader::{ArticleView, ArticleViewProps};
use article_viewer::model::Article;
use std::rc::Rc;
use yew::{Callback, LocalServerRenderer};

/// Renders one article to HTML with Yew's server renderer.
pub async fn render_article(article: Rc<Article>) -> String {
    LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
        article,
        fallback_language: None,
        loaded_body: None,
        on_retry_body: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

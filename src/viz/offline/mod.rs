//! The window's renderer without a teacher: `postoffice slides` ([`slides`], a PNG
//! per step) and `postoffice frames` ([`frames`], how smoothly a scene plays).
//! Both open a real window; neither registers systems in the teaching window.

pub mod frames;
pub mod slides;

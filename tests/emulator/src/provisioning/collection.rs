//! One generic handler set for the Provisioning collections
//! (`/v1/projects/{projectId}<path>[/{id}]`): a family declares a [`Collection`] and gets
//! list, create, get, replace, update and delete from here. The rules they all share:
//!
//! - Every request is authenticated; an unknown id is 404 with the family's own code.
//! - A body is checked before the id is looked up, so a bad body is 400 even for an unknown id.
//! - Create: validation (400), then the unique key (409), then the per-project limit (424);
//!   201 with the new item.
//! - Lists are paged by [`pagination`](super::pagination) in the order the family's `select`
//!   gives (creation order by default); a collection without a [`PageSpec`] answers
//!   `{<items_key>: [...]}` whole.
//! - DELETE answers 204 with no body.
//!
//! Family-specific actions (register, verify, assign...) stay ordinary handlers and reach
//! the same items through [`Collection::with_item`].

use super::auth::Authenticated;
use super::error::{json_object, PapiError};
use super::pagination::{page, PageSpec};
use super::store::Resource;
use super::ProvisioningState;
use crate::http_util::parse_form;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, on, MethodFilter, MethodRouter};
use axum::{Json, Router};
use serde::Serialize;
use std::collections::BTreeMap;

/// A parsed query string (repeated keys kept, in order).
pub type Query = [(String, String)];

/// The project's items, in creation order; an empty list is made on first use.
pub type Store<T> = for<'a> fn(&'a mut ProvisioningState, &str) -> &'a mut Vec<T>;

/// The items a list shows, in the order it shows them, or 400 for a bad filter.
pub type Select<T> = for<'a> fn(&'a [T], &Query) -> Result<Vec<&'a T>, PapiError>;

/// Validates a create body and builds the new item (with its generated id) for a project.
pub type Build<T> = fn(&str, Resource) -> Result<T, PapiError>;

/// Validates a PUT or PATCH body; the change it returns is applied once the item is found.
pub type Change<T> = fn(Resource) -> Result<Edit<T>, PapiError>;

/// A validated change to one item.
pub type Edit<T> = Box<dyn FnOnce(&mut T)>;

/// The 404 of a family: `PapiError::not_found(code, what)`.
#[derive(Debug, Clone, Copy)]
pub struct NotFound {
    pub code: &'static str,
    pub what: &'static str,
}

/// A key no two items of a project share (beyond the id), checked on create and on an edit
/// whose body sets `field`.
pub struct Unique<T> {
    /// The body field that sets the key.
    pub field: &'static str,
    pub key: fn(&T) -> &str,
    /// The 409 for an item whose key is taken.
    pub taken: fn(&T) -> PapiError,
}

/// At most `max` items per project; `reached` is the error beyond.
pub struct Limit {
    pub max: usize,
    pub reached: fn() -> PapiError,
}

/// What DELETE does (it answers 204 either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delete {
    Remove,
    /// Only checks the item exists: it stays readable (KakaoTalk keeps a deleted sender
    /// active for 60 more days).
    Keep,
}

/// The description of one family. Build it with [`Collection::new`] and the builder methods;
/// an operation not declared has no route.
pub struct Collection<T: 'static> {
    path: &'static str,
    items_key: &'static str,
    not_found: NotFound,
    store: Store<T>,
    id: fn(&T) -> Option<&str>,
    page: Option<PageSpec>,
    select: Option<Select<T>>,
    create: Option<Build<T>>,
    unique: Option<Unique<T>>,
    limit: Option<Limit>,
    get: bool,
    replace: Option<Change<T>>,
    update: Option<Change<T>>,
    delete: Option<Delete>,
}

impl<T> Collection<T> {
    /// A collection under `/v1/projects/{projectId}{path}` whose list key is `items_key`,
    /// with only GET of one item (by `id`) until more is declared.
    pub const fn new(
        path: &'static str,
        items_key: &'static str,
        not_found: NotFound,
        store: Store<T>,
        id: fn(&T) -> Option<&str>,
    ) -> Self {
        Collection {
            path,
            items_key,
            not_found,
            store,
            id,
            page: None,
            select: None,
            create: None,
            unique: None,
            limit: None,
            get: true,
            replace: None,
            update: None,
            delete: None,
        }
    }

    pub const fn paged(mut self, spec: PageSpec) -> Self {
        self.page = Some(spec);
        self
    }

    pub const fn select(mut self, select: Select<T>) -> Self {
        self.select = Some(select);
        self
    }

    pub const fn create(mut self, build: Build<T>) -> Self {
        self.create = Some(build);
        self
    }

    pub const fn unique(mut self, unique: Unique<T>) -> Self {
        self.unique = Some(unique);
        self
    }

    pub const fn limit(mut self, limit: Limit) -> Self {
        self.limit = Some(limit);
        self
    }

    /// No `GET /{id}` (the items are only listed).
    pub const fn without_get(mut self) -> Self {
        self.get = false;
        self
    }

    /// PUT: the change a full body makes.
    pub const fn replace(mut self, change: Change<T>) -> Self {
        self.replace = Some(change);
        self
    }

    /// PATCH: the change a partial body makes.
    pub const fn update(mut self, change: Change<T>) -> Self {
        self.update = Some(change);
        self
    }

    pub const fn delete(mut self, delete: Delete) -> Self {
        self.delete = Some(delete);
        self
    }
}

impl<T: Serialize + Clone + Send + Sync + 'static> Collection<T> {
    pub fn not_found(&self) -> PapiError {
        PapiError::not_found(self.not_found.code, self.not_found.what)
    }

    /// The project's items.
    pub fn items<'a>(&self, p: &'a mut ProvisioningState, project_id: &str) -> &'a mut Vec<T> {
        (self.store)(p, project_id)
    }

    /// Item `id` of the project, if any.
    pub fn find_mut<'a>(
        &self,
        p: &'a mut ProvisioningState,
        project_id: &str,
        id: &str,
    ) -> Option<&'a mut T> {
        self.items(p, project_id)
            .iter_mut()
            .find(|item| (self.id)(item) == Some(id))
    }

    /// Runs `f` on item `id` of the project under the lock, or 404.
    pub fn with_item<R>(
        &self,
        app: &AppState,
        project_id: &str,
        id: &str,
        f: impl FnOnce(&mut T) -> Result<R, PapiError>,
    ) -> Result<R, PapiError> {
        let mut st = app.lock();
        let item = self
            .find_mut(&mut st.provisioning, project_id, id)
            .ok_or_else(|| self.not_found())?;
        f(item)
    }

    /// The routes this description declares; a family merges its own actions onto them
    /// (their item parameter must be named `{id}` too).
    pub fn routes(&'static self) -> Router<AppState> {
        let base = format!("/v1/projects/{{project_id}}{}", self.path);
        let mut list = get(
            move |_: Authenticated,
                  State(app): State<AppState>,
                  Path(project_id): Path<String>,
                  RawQuery(query): RawQuery| async move {
                self.list(&app, &project_id, query)
            },
        );
        if let Some(build) = self.create {
            list = list.post(
                move |_: Authenticated,
                      State(app): State<AppState>,
                      Path(project_id): Path<String>,
                      body: Bytes| async move {
                    self.create_item(&app, &project_id, build, &body)
                },
            );
        }
        let router = Router::new().route(&base, list);
        match self.item_routes() {
            Some(item) => router.route(&format!("{base}/{{id}}"), item),
            None => router,
        }
    }

    fn item_routes(&'static self) -> Option<MethodRouter<AppState>> {
        let mut item: Option<MethodRouter<AppState>> = None;
        let mut add = |m: MethodRouter<AppState>| {
            item = Some(match item.take() {
                Some(prev) => prev.merge(m),
                None => m,
            });
        };
        if self.get {
            add(get(
                move |_: Authenticated,
                      State(app): State<AppState>,
                      Path((project_id, id)): Path<(String, String)>| async move {
                    self.with_item(&app, &project_id, &id, |item| {
                        Ok(Json(item.clone()).into_response())
                    })
                },
            ));
        }
        for (method, change) in [
            (MethodFilter::PUT, self.replace),
            (MethodFilter::PATCH, self.update),
        ] {
            if let Some(change) = change {
                add(on(
                    method,
                    move |_: Authenticated,
                          State(app): State<AppState>,
                          Path((project_id, id)): Path<(String, String)>,
                          body: Bytes| async move {
                        self.edit_item(&app, &project_id, &id, change, &body)
                    },
                ));
            }
        }
        if let Some(delete) = self.delete {
            add(axum::routing::delete(
                move |_: Authenticated,
                      State(app): State<AppState>,
                      Path((project_id, id)): Path<(String, String)>| async move {
                    self.delete_item(&app, &project_id, &id, delete)
                },
            ));
        }
        item
    }

    fn list(
        &self,
        app: &AppState,
        project_id: &str,
        query: Option<String>,
    ) -> Result<Response, PapiError> {
        let query = parse_form(query.unwrap_or_default().as_bytes());
        let mut st = app.lock();
        let items = self.items(&mut st.provisioning, project_id);
        let shown = match self.select {
            Some(select) => select(items, &query)?,
            None => items.iter().collect(),
        };
        match self.page {
            Some(spec) => page(&shown, self.items_key, &query, spec),
            None => Ok(Json(BTreeMap::from([(self.items_key, shown)])).into_response()),
        }
    }

    fn create_item(
        &self,
        app: &AppState,
        project_id: &str,
        build: Build<T>,
        body: &[u8],
    ) -> Result<Response, PapiError> {
        let item = build(project_id, json_object(body)?)?;
        let mut st = app.lock();
        let items = self.items(&mut st.provisioning, project_id);
        self.check_unique(items, &item, None)?;
        if let Some(limit) = &self.limit {
            if items.len() >= limit.max {
                return Err((limit.reached)());
            }
        }
        items.push(item.clone());
        Ok((StatusCode::CREATED, Json(item)).into_response())
    }

    fn edit_item(
        &self,
        app: &AppState,
        project_id: &str,
        id: &str,
        change: Change<T>,
        body: &[u8],
    ) -> Result<Response, PapiError> {
        let body = json_object(body)?;
        let sets_key = self
            .unique
            .as_ref()
            .is_some_and(|u| body.contains_key(u.field));
        let edit = change(body)?;
        let mut st = app.lock();
        let items = self.items(&mut st.provisioning, project_id);
        let at = items
            .iter()
            .position(|item| (self.id)(item) == Some(id))
            .ok_or_else(|| self.not_found())?;
        let mut edited = items[at].clone();
        edit(&mut edited);
        if sets_key {
            self.check_unique(items, &edited, Some(at))?;
        }
        items[at] = edited.clone();
        Ok(Json(edited).into_response())
    }

    fn delete_item(
        &self,
        app: &AppState,
        project_id: &str,
        id: &str,
        delete: Delete,
    ) -> Result<Response, PapiError> {
        let mut st = app.lock();
        let items = self.items(&mut st.provisioning, project_id);
        let at = items
            .iter()
            .position(|item| (self.id)(item) == Some(id))
            .ok_or_else(|| self.not_found())?;
        if delete == Delete::Remove {
            items.remove(at);
        }
        Ok(StatusCode::NO_CONTENT.into_response())
    }

    /// 409 if an item other than the one at `except` has `item`'s unique key.
    fn check_unique(&self, items: &[T], item: &T, except: Option<usize>) -> Result<(), PapiError> {
        let Some(unique) = &self.unique else {
            return Ok(());
        };
        let key = (unique.key)(item);
        let taken = items
            .iter()
            .enumerate()
            .any(|(i, other)| Some(i) != except && (unique.key)(other) == key);
        if taken {
            Err((unique.taken)(item))
        } else {
            Ok(())
        }
    }
}

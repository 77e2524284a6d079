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
//! - A nested collection (`/kakaotalk/senders/{parent_id}/templates`, see [`Parent`]) keeps
//!   the items of each parent apart, and every route first answers its parent's 404.
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
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A parsed query string (repeated keys kept, in order).
pub type Query = [(String, String)];

/// The items of a scope (see [`Collection::scope`]), in creation order; an empty list is made
/// on first use.
pub type Store<T> = for<'a> fn(&'a mut ProvisioningState, &str) -> &'a mut Vec<T>;

/// The items a list shows, in the order it shows them, or 400 for a bad filter.
pub type Select<T> = for<'a> fn(&'a [T], &Query) -> Result<Vec<&'a T>, PapiError>;

/// Validates a create body and builds the new item (with its generated id) for a project.
pub type Build<T> = fn(&str, Resource) -> Result<T, PapiError>;

/// Validates a PUT or PATCH body; the change it returns is applied once the item is found.
pub type Change<T> = fn(Resource) -> Result<Edit<T>, PapiError>;

/// A validated change to one item.
pub type Edit<T> = Box<dyn FnOnce(&mut T)>;

/// Whether an item can be edited now (409 otherwise), checked after the body and the lookup.
pub type Editable<T> = fn(&T) -> Result<(), PapiError>;

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

/// The item whose children a nested collection holds: its path has a `{parent_id}` segment.
pub struct Parent {
    /// Ok if the parent `parent_id` of the project exists, its 404 otherwise.
    pub exists: fn(&mut ProvisioningState, &str, &str) -> Result<(), PapiError>,
}

/// The identifiers of a request's path.
#[derive(Debug, Deserialize)]
struct Ids {
    project_id: String,
    parent_id: Option<String>,
    id: Option<String>,
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
    parent: Option<Parent>,
    page: Option<PageSpec>,
    select: Option<Select<T>>,
    create: Option<Build<T>>,
    unique: Option<Unique<T>>,
    limit: Option<Limit>,
    get: bool,
    replace: Option<Change<T>>,
    update: Option<Change<T>>,
    editable: Option<Editable<T>>,
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
            parent: None,
            page: None,
            select: None,
            create: None,
            unique: None,
            limit: None,
            get: true,
            replace: None,
            update: None,
            editable: None,
            delete: None,
        }
    }

    /// Items that belong to a parent item (`path` names it `{parent_id}`).
    pub const fn nested(mut self, parent: Parent) -> Self {
        self.parent = Some(parent);
        self
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

    /// PUT and PATCH refuse an item `editable` refuses.
    pub const fn editable(mut self, editable: Editable<T>) -> Self {
        self.editable = Some(editable);
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

    /// Where the items of a project (and parent) are kept: the project id, or for a nested
    /// collection `{project_id}/{parent_id}` after the parent's 404 check.
    pub fn scope(
        &self,
        p: &mut ProvisioningState,
        project_id: &str,
        parent_id: Option<&str>,
    ) -> Result<String, PapiError> {
        match (&self.parent, parent_id) {
            (Some(parent), Some(parent_id)) => {
                (parent.exists)(p, project_id, parent_id)?;
                Ok(format!("{project_id}/{parent_id}"))
            }
            _ => Ok(project_id.to_string()),
        }
    }

    /// The items of a scope (a project, or a project and parent: see [`Collection::scope`]).
    pub fn items<'a>(&self, p: &'a mut ProvisioningState, scope: &str) -> &'a mut Vec<T> {
        (self.store)(p, scope)
    }

    /// Item `id` of the scope, if any.
    pub fn find_mut<'a>(
        &self,
        p: &'a mut ProvisioningState,
        scope: &str,
        id: &str,
    ) -> Option<&'a mut T> {
        self.items(p, scope)
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
        self.with_nested_item(app, project_id, None, id, f)
    }

    /// [`Collection::with_item`] for an item of a nested collection: the parent's 404 first.
    pub fn with_nested_item<R>(
        &self,
        app: &AppState,
        project_id: &str,
        parent_id: Option<&str>,
        id: &str,
        f: impl FnOnce(&mut T) -> Result<R, PapiError>,
    ) -> Result<R, PapiError> {
        let mut st = app.lock();
        let scope = self.scope(&mut st.provisioning, project_id, parent_id)?;
        let item = self
            .find_mut(&mut st.provisioning, &scope, id)
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
                  Path(ids): Path<Ids>,
                  RawQuery(query): RawQuery| async move { self.list(&app, &ids, query) },
        );
        if let Some(build) = self.create {
            list = list.post(
                move |_: Authenticated,
                      State(app): State<AppState>,
                      Path(ids): Path<Ids>,
                      body: Bytes| async move {
                    self.create_item(&app, &ids, build, &body)
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
                move |_: Authenticated, State(app): State<AppState>, Path(ids): Path<Ids>| async move {
                    let (project_id, parent_id, id) = ids.item();
                    self.with_nested_item(&app, project_id, parent_id, id, |item| {
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
                          Path(ids): Path<Ids>,
                          body: Bytes| async move {
                        self.edit_item(&app, &ids, change, &body)
                    },
                ));
            }
        }
        if let Some(delete) = self.delete {
            add(axum::routing::delete(
                move |_: Authenticated, State(app): State<AppState>, Path(ids): Path<Ids>| async move {
                    self.delete_item(&app, &ids, delete)
                },
            ));
        }
        item
    }

    fn list(
        &self,
        app: &AppState,
        ids: &Ids,
        query: Option<String>,
    ) -> Result<Response, PapiError> {
        let query = parse_form(query.unwrap_or_default().as_bytes());
        let mut st = app.lock();
        let scope = self.scope(
            &mut st.provisioning,
            &ids.project_id,
            ids.parent_id.as_deref(),
        )?;
        let items = self.items(&mut st.provisioning, &scope);
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
        ids: &Ids,
        build: Build<T>,
        body: &[u8],
    ) -> Result<Response, PapiError> {
        let item = build(&ids.project_id, json_object(body)?)?;
        let mut st = app.lock();
        let scope = self.scope(
            &mut st.provisioning,
            &ids.project_id,
            ids.parent_id.as_deref(),
        )?;
        let items = self.items(&mut st.provisioning, &scope);
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
        ids: &Ids,
        change: Change<T>,
        body: &[u8],
    ) -> Result<Response, PapiError> {
        let body = json_object(body)?;
        let sets_key = self
            .unique
            .as_ref()
            .is_some_and(|u| body.contains_key(u.field));
        let edit = change(body)?;
        let (project_id, parent_id, id) = ids.item();
        let mut st = app.lock();
        let scope = self.scope(&mut st.provisioning, project_id, parent_id)?;
        let items = self.items(&mut st.provisioning, &scope);
        let at = items
            .iter()
            .position(|item| (self.id)(item) == Some(id))
            .ok_or_else(|| self.not_found())?;
        if let Some(editable) = self.editable {
            editable(&items[at])?;
        }
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
        ids: &Ids,
        delete: Delete,
    ) -> Result<Response, PapiError> {
        let (project_id, parent_id, id) = ids.item();
        let mut st = app.lock();
        let scope = self.scope(&mut st.provisioning, project_id, parent_id)?;
        let items = self.items(&mut st.provisioning, &scope);
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

impl Ids {
    /// `(project_id, parent_id, id)` of an item route (whose path always has `{id}`).
    fn item(&self) -> (&str, Option<&str>, &str) {
        (
            &self.project_id,
            self.parent_id.as_deref(),
            self.id.as_deref().unwrap_or_default(),
        )
    }
}

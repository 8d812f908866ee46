//! Typed indexes into the site's lists, and one value per kind of entity.

use std::ops::{Index, IndexMut};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            pub fn new(index: usize) -> $name {
                $name(u32::try_from(index).expect("fewer than 2^32 items"))
            }

            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(
    /// An article: an index into `Site::articles`.
    ArticleId
);
id!(
    /// A briefing: an index into `Site::briefings`.
    BriefingId
);
id!(
    /// A story: an index into `Site::stories`.
    StoryId
);
id!(
    /// A person or a topic: an index into the site's entities of its kind.
    EntityId
);
id!(
    /// A page (About, Contact): an index into `Site::pages`.
    PageId
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Topic,
}

impl EntityKind {
    /// Both kinds, people first.
    pub const ALL: [EntityKind; 2] = [EntityKind::Person, EntityKind::Topic];

    /// The URL section: `people` or `topics`.
    pub fn section(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Topic => "topics",
        }
    }

    /// One of them: `person` or `topic`.
    pub fn singular(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Topic => "topic",
        }
    }
}

/// One `T` for people and one for topics, indexed by [`EntityKind`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ByKind<T> {
    pub people: T,
    pub topics: T,
}

impl<T> ByKind<T> {
    pub fn from_fn(mut make: impl FnMut(EntityKind) -> T) -> ByKind<T> {
        ByKind {
            people: make(EntityKind::Person),
            topics: make(EntityKind::Topic),
        }
    }

    pub fn as_ref(&self) -> ByKind<&T> {
        ByKind {
            people: &self.people,
            topics: &self.topics,
        }
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> ByKind<U> {
        ByKind {
            people: f(self.people),
            topics: f(self.topics),
        }
    }
}

impl<T> Index<EntityKind> for ByKind<T> {
    type Output = T;

    fn index(&self, kind: EntityKind) -> &T {
        match kind {
            EntityKind::Person => &self.people,
            EntityKind::Topic => &self.topics,
        }
    }
}

impl<T> IndexMut<EntityKind> for ByKind<T> {
    fn index_mut(&mut self, kind: EntityKind) -> &mut T {
        match kind {
            EntityKind::Person => &mut self.people,
            EntityKind::Topic => &mut self.topics,
        }
    }
}

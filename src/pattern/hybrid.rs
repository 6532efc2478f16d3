//! A built-in pattern searched by a lazy DFA built from its embedded NFAs
//! ([`super::nfa_codec`]): the engine of patterns whose full DFAs are too
//! large to embed, and of the capture groups of every built-in pattern.
//! Built in a fraction of the time compiling the source takes; searches as
//! the compiled pattern does: its lazy DFA, capture groups by the bounded
//! backtracker or the Pike VM, and the Pike VM should the lazy DFA give up.

use regex_automata::hybrid::{dfa, regex};
use regex_automata::nfa::thompson::{backtrack, pikevm, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::{Input, Match, MatchKind};

type CacheFn<C> =
    Box<dyn Fn() -> C + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// What reads capture groups from a forward NFA: the bounded backtracker
/// (fast on a line) where the haystack fits its memory, else the Pike VM,
/// as the compiled pattern would; a cache of each per thread.
pub(super) struct Groups {
    backtracker: backtrack::BoundedBacktracker,
    backtracker_caches: Pool<backtrack::Cache, CacheFn<backtrack::Cache>>,
    vm: pikevm::PikeVM,
    vm_caches: Pool<pikevm::Cache, CacheFn<pikevm::Cache>>,
}

impl std::fmt::Debug for Groups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Groups").finish_non_exhaustive()
    }
}

impl Groups {
    pub(super) fn new(forward: NFA) -> Option<Groups> {
        let vm = pikevm::PikeVM::new_from_nfa(forward.clone()).ok()?;
        let backtracker = backtrack::BoundedBacktracker::new_from_nfa(forward).ok()?;
        let (for_vm, for_backtracker) = (vm.clone(), backtracker.clone());
        Some(Groups {
            backtracker,
            backtracker_caches: Pool::new(Box::new(move || for_backtracker.create_cache())),
            vm,
            vm_caches: Pool::new(Box::new(move || for_vm.create_cache())),
        })
    }

    /// Searches `input`, filling `caps`.
    fn search(&self, input: &Input<'_>, caps: &mut Captures) {
        if input.get_span().len() <= self.backtracker.max_haystack_len() {
            let mut cache = self.backtracker_caches.get();
            if self.backtracker.try_search(&mut cache, input, caps).is_ok() {
                return;
            }
        }
        self.vm.search(&mut self.vm_caches.get(), input, caps);
    }

    /// The first match at or after `input`'s start.
    fn find(&self, input: &Input<'_>) -> Option<Match> {
        let mut caps = self.vm.create_captures();
        self.search(input, &mut caps);
        caps.get_match()
    }

    /// The capture groups of every match in `haystack`.
    pub(super) fn captures_iter<'a>(
        &'a self,
        haystack: &'a [u8],
    ) -> impl Iterator<Item = Captures> + 'a {
        let mut searcher = Searcher::new(Input::new(haystack));
        let mut caps = self.vm.create_captures();
        std::iter::from_fn(move || {
            searcher.advance(|input| {
                self.search(input, &mut caps);
                Ok(caps.get_match())
            })?;
            Some(caps.clone())
        })
    }
}

/// Forward and reverse lazy DFAs, with the Pike VM should they give up.
pub(super) struct LazyDfa {
    regex: std::sync::Arc<regex::Regex>,
    caches: Pool<regex::Cache, CacheFn<regex::Cache>>,
    fallback: Groups,
}

impl std::fmt::Debug for LazyDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyDfa").finish_non_exhaustive()
    }
}

impl LazyDfa {
    /// From the pattern's forward NFA (with capture groups) and its reverse
    /// NFA, configured as the compiled pattern's lazy DFAs are.
    pub(super) fn new(forward: NFA, reverse: NFA) -> Option<LazyDfa> {
        let fwd = dfa::DFA::builder()
            .configure(
                dfa::DFA::config()
                    .match_kind(MatchKind::LeftmostFirst)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(forward.clone())
            .ok()?;
        let rev = dfa::DFA::builder()
            .configure(
                dfa::DFA::config()
                    .prefilter(None)
                    .specialize_start_states(false)
                    .match_kind(MatchKind::All)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(reverse)
            .ok()?;
        let regex = std::sync::Arc::new(regex::Regex::builder().build_from_dfas(fwd, rev));
        let for_cache = std::sync::Arc::clone(&regex);
        Some(LazyDfa {
            regex,
            caches: Pool::new(Box::new(move || for_cache.create_cache())),
            fallback: Groups::new(forward)?,
        })
    }

    fn search(&self, cache: &mut regex::Cache, input: &Input<'_>) -> Option<Match> {
        match self.regex.try_search(cache, input) {
            Ok(found) => found,
            // The lazy DFA gave up (its cache thrashed): the Pike VM decides.
            Err(_) => self.fallback.find(input),
        }
    }

    pub(super) fn find(&self, haystack: &[u8]) -> Option<Match> {
        self.search(&mut self.caches.get(), &Input::new(haystack))
    }

    /// The leftmost match starting at or after `at`, the text before `at`
    /// still read by look-behind assertions.
    pub(super) fn find_at(&self, haystack: &[u8], at: usize) -> Option<Match> {
        self.search(&mut self.caches.get(), &Input::new(haystack).range(at..))
    }

    pub(super) fn is_match(&self, haystack: &[u8]) -> bool {
        let input = Input::new(haystack).earliest(true);
        self.search(&mut self.caches.get(), &input).is_some()
    }

    /// The capture groups of every match, by the Pike VM.
    pub(super) fn captures_iter<'a>(
        &'a self,
        haystack: &'a [u8],
    ) -> impl Iterator<Item = Captures> + 'a {
        self.fallback.captures_iter(haystack)
    }

    pub(super) fn find_iter<'a>(&'a self, haystack: &'a [u8]) -> impl Iterator<Item = Match> + 'a {
        let mut cache = self.caches.get();
        let mut searcher = Searcher::new(Input::new(haystack));
        std::iter::from_fn(move || searcher.advance(|input| Ok(self.search(&mut cache, input))))
    }
}

//! Cache hints for large runs. In a city-sized run each event touches a different
//! phone, so most of the time would go to waiting for memory; the simulation knows
//! the next event in advance and asks the processor to start loading its records
//! while the current event is handled. Hints only: they change no result.

/// Asks the processor to start loading `x` (every cache line of it) into its cache.
#[inline(always)]
pub fn prefetch<T>(x: Option<&T>) {
    if let Some(x) = x {
        lines((x as *const T).cast(), size_of::<T>());
    }
}

/// [`prefetch`] for the first cache lines of a slice's contents (at most four).
#[inline(always)]
pub fn prefetch_slice<T>(xs: &[T]) {
    lines(xs.as_ptr().cast(), size_of_val(xs).min(256));
}

/// [`prefetch`] for the last element of a slice and the next slot after it (where a
/// push writes).
#[inline(always)]
pub fn prefetch_end<T>(xs: &[T]) {
    let start = xs.as_ptr().cast::<u8>();
    let end = start.wrapping_add(size_of_val(xs));
    lines(
        end.wrapping_sub(size_of::<T>().min(size_of_val(xs))),
        2 * size_of::<T>(),
    );
}

#[inline(always)]
fn lines(start: *const u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        let skew = start as usize % 64;
        for line in (0..skew + len).step_by(64) {
            // SAFETY: a prefetch only hints the cache; it never faults and reads
            // nothing the program sees, whatever the address.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    start.wrapping_add(line).wrapping_sub(skew).cast::<i8>(),
                )
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (start, len);
}

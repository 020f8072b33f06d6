// Interval estimates a QA lead can trust on small and lopsided samples, and
// the margin of error of a review sample.
//
// Why not Student's t: reply scores are bounded (0–100, stars 1–5) and pile
// up at the top, so a handful of perfect replies has a standard deviation of
// 0 and a t-interval of zero width ("100, certainly"), and near the bound the
// t-interval is symmetric where the truth is not, and spills past 100. The
// intervals here are Wilson score intervals: for a share of replies (good
// replies) that is the textbook Wilson interval; for a mean of values bounded
// to [lo, hi] it is the Wilson interval of the mean rescaled to [0, 1], read
// as a share with fractional successes. That is valid because a variable in
// [0, 1] with mean m has a variance of at most m(1 - m) (equality when every
// value sits at a bound, which is what QA scores nearly do: mostly 100, the
// critical failures 0), so the interval is never narrower than the data
// allows, never leaves [lo, hi], is asymmetric near a bound, and still says
// "somewhere in 21–100" for one perfect reply. It also stays honest about
// failures a sample has not shown yet: with no 0 among 25 replies, a failure
// rate up to 3/25 is still plausible (the rule of three), so 25 replies at
// 89–100 keep a lower bound near 85 where a t-interval would say 98. The
// price is some width when values spread evenly inside the range; with
// hundreds of replies it is about as narrow as a t-interval, and a ranking
// that needs the difference to separate two agents is not one to act on.
//
// Thread-safety: pure functions.
#ifndef REPLYLINT_SCORE_STATS_H_
#define REPLYLINT_SCORE_STATS_H_

#include <cstddef>
#include <utility>
#include <vector>

namespace replylint {

// The two-sided 95% quantile of the standard normal distribution.
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double low = 0;
  double high = 0;
  bool Overlaps(const Interval& o) const { return low <= o.high && o.low <= high; }
};

// Wilson score interval at 95% for `successes` out of `n` trials:
//   centre = (p + z²/2n) / (1 + z²/n)
//   half   = z √(p(1-p)/n + z²/4n²) / (1 + z²/n),   p = successes / n.
// `successes` may be fractional (see BoundedMean95). n == 0 gives [0, 1].
Interval Wilson95(double successes, double n);

// The 95% interval of the mean of `n` values that lie in [lo, hi]: the
// Wilson interval of (mean - lo) / (hi - lo) with n trials, mapped back.
Interval BoundedMean95(double mean, size_t n, double lo, double hi);

// The margin of error (half-width, as a share) at 95% of a proportion
// estimated from a simple random sample of `n` out of `population`, with the
// finite-population correction:
//   MOE = z √(p(1-p)/n) √((N - n) / (N - 1)),
// p = 0.5 unless given (the worst case, used when nothing is known yet).
// n == 0 gives 1; n == N gives 0 (the whole population was reviewed).
double MarginOfError95(double n, double population, double p = 0.5);

// n may be an effective size (KishEffectiveSize) and so not whole.
//
// The same for a sample stratified into groups of (n_h sampled, N_h in the
// population), estimating the population share Σ (N_h/N) p_h:
//   MOE = z √( Σ_h (N_h/N)² · p(1-p)/n_h · (N_h - n_h)/(N_h - 1) ).
// A stratum of one (N_h = 1) sampled whole adds nothing.
double StratifiedMarginOfError95(const std::vector<std::pair<double, double>>& strata, double p = 0.5);

// Kish's effective sample size of a weighted sample: (Σw)² / Σw². Equal
// weights give the sample size; unequal weights (oversampled low scores)
// give less, which is what a margin of error of a re-weighted estimate needs.
double KishEffectiveSize(const std::vector<double>& weights);

}  // namespace replylint

#endif  // REPLYLINT_SCORE_STATS_H_

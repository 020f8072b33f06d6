#include "score/stats.h"

#include <algorithm>
#include <cmath>

namespace replylint {

Interval Wilson95(double successes, double n) {
  if (n <= 0) return {0, 1};
  const double z2 = kZ95 * kZ95;
  const double p = std::clamp(successes / n, 0.0, 1.0);
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denom;
  const double half = kZ95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
  // At p = 0 or 1 one end is exactly the bound; clamp the last ulp of rounding.
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval BoundedMean95(double mean, size_t n, double lo, double hi) {
  const double range = hi - lo;
  const Interval w = Wilson95((mean - lo) / range * static_cast<double>(n), static_cast<double>(n));
  return {lo + w.low * range, lo + w.high * range};
}

namespace {

// p(1-p)/n with the finite-population correction; 0 when the whole stratum is in.
double Variance(double n, double N, double p) {
  if (n >= N) return 0;
  return p * (1 - p) / n * (N - n) / (N - 1);
}

}  // namespace

double MarginOfError95(double n, double population, double p) {
  if (n <= 0) return 1;
  return kZ95 * std::sqrt(Variance(n, population, p));
}

double StratifiedMarginOfError95(const std::vector<std::pair<double, double>>& strata, double p) {
  double total = 0;
  for (const auto& [n, N] : strata) total += N;
  if (total <= 0) return 1;
  double var = 0;
  for (const auto& [n, N] : strata) {
    if (N <= 0) continue;
    if (n <= 0) return 1;  // a stratum nobody looked at: the share can be anything
    const double w = N / total;
    var += w * w * Variance(n, N, p);
  }
  return kZ95 * std::sqrt(var);
}

double KishEffectiveSize(const std::vector<double>& weights) {
  double sum = 0, sum2 = 0;
  for (double w : weights) {
    sum += w;
    sum2 += w * w;
  }
  return sum2 > 0 ? sum * sum / sum2 : 0;
}

}  // namespace replylint

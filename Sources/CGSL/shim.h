#ifndef NOMMER_CGSL_SHIM_H
#define NOMMER_CGSL_SHIM_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

/* GSL's generator types are C globals, which Swift 6 rejects as shared
   mutable state; hand them out through inline functions instead. */
static inline const gsl_rng_type *nommer_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

/* GSL's default error handler aborts the process; turn it off once so that
   a bad argument is reported through a return value instead. */
static inline void nommer_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

#endif

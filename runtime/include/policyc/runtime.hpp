// Everything a generated policy header needs; include the generated header, not this one.
#ifndef POLICYC_RUNTIME_HPP
#define POLICYC_RUNTIME_HPP

#include "policyc/audit.hpp"
#include "policyc/consent_set.hpp"
#include "policyc/decide.hpp"
#include "policyc/decision.hpp"
#include "policyc/enforce.hpp"
#include "policyc/names.hpp"
#include "policyc/obligations.hpp"
#include "policyc/packed.hpp"
#include "policyc/tree.hpp"
#include "policyc/version.hpp"

#endif

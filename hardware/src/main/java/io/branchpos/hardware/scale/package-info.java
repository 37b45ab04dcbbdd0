/** Serial scales (Toledo 8217-style, CAS ECR): weight as BigDecimal kilograms, never double. */
package io.branchpos.hardware.scale;

package io.branchpos.domain.tax;

/** Whether shelf prices include tax (Europe) or tax is added at the till (US sales tax). */
public enum PricingMode { INCLUSIVE, EXCLUSIVE }

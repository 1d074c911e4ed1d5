"""Policy knowledge for the 医保 assistant: FAQ content, reimbursement parameters and the cost estimator."""

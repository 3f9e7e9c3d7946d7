"""A region's plan («цифровая прокачка»): its largest gaps in index points, the practices that
closed them elsewhere, the experts' scores, the index expected with the plan, its поручения."""
